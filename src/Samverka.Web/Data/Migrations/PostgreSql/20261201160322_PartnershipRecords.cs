using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Samverka.Web.Data.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class PartnershipRecords : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "ObligationsBuilt",
                table: "Partnerships",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<Guid>(
                name: "ParentId",
                table: "AuditEntries",
                type: "uuid",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "Activities",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Date = table.Column<DateOnly>(type: "date", nullable: false),
                    Title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Description = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    Figures = table.Column<string>(type: "text", nullable: false),
                    RecordedBy = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Version = table.Column<Guid>(type: "uuid", nullable: false),
                    PartnershipId = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Activities", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Activities_Partnerships_PartnershipId",
                        column: x => x.PartnershipId,
                        principalTable: "Partnerships",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "CoordinationMeetings",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Date = table.Column<DateOnly>(type: "date", nullable: false),
                    ReferringUnit = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Participants = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    Outcome = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    RecordedBy = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Version = table.Column<Guid>(type: "uuid", nullable: false),
                    PartnershipId = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CoordinationMeetings", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CoordinationMeetings_Partnerships_PartnershipId",
                        column: x => x.PartnershipId,
                        principalTable: "Partnerships",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "NightWalks",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Date = table.Column<DateOnly>(type: "date", nullable: false),
                    Area = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Groups = table.Column<string>(type: "text", nullable: false),
                    RecordedBy = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Version = table.Column<Guid>(type: "uuid", nullable: false),
                    PartnershipId = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_NightWalks", x => x.Id);
                    table.ForeignKey(
                        name: "FK_NightWalks_Partnerships_PartnershipId",
                        column: x => x.PartnershipId,
                        principalTable: "Partnerships",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Obligations",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    PartnershipId = table.Column<Guid>(type: "uuid", nullable: false),
                    MunicipalityId = table.Column<Guid>(type: "uuid", nullable: false),
                    Key = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Kind = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    Audience = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Text = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    ShowFrom = table.Column<DateOnly>(type: "date", nullable: false),
                    By = table.Column<DateOnly>(type: "date", nullable: false),
                    HideAfter = table.Column<DateOnly>(type: "date", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Obligations", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Obligations_Partnerships_PartnershipId",
                        column: x => x.PartnershipId,
                        principalTable: "Partnerships",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "PartnershipParties",
                columns: table => new
                {
                    PartnershipId = table.Column<Guid>(type: "uuid", nullable: false),
                    PartyId = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PartnershipParties", x => new { x.PartnershipId, x.PartyId });
                    table.ForeignKey(
                        name: "FK_PartnershipParties_Partnerships_PartnershipId",
                        column: x => x.PartnershipId,
                        principalTable: "Partnerships",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Payments",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Year = table.Column<int>(type: "integer", nullable: false),
                    DueOn = table.Column<DateOnly>(type: "date", nullable: false),
                    Amount = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: false),
                    AwaitsFollowUpOf = table.Column<int>(type: "integer", nullable: true),
                    PaidOn = table.Column<DateOnly>(type: "date", nullable: true),
                    Reference = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    MarkedBy = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    Cancelled = table.Column<bool>(type: "boolean", nullable: false),
                    Version = table.Column<Guid>(type: "uuid", nullable: false),
                    PartnershipId = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Payments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Payments_Partnerships_PartnershipId",
                        column: x => x.PartnershipId,
                        principalTable: "Partnerships",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "QuarterlyReports",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Year = table.Column<int>(type: "integer", nullable: false),
                    Quarter = table.Column<int>(type: "integer", nullable: false),
                    Draft = table.Column<string>(type: "character varying(40000)", maxLength: 40000, nullable: false),
                    Completion = table.Column<string>(type: "character varying(20000)", maxLength: 20000, nullable: true),
                    SavedOn = table.Column<DateOnly>(type: "date", nullable: false),
                    SavedBy = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    PresentedToCommittee = table.Column<DateOnly>(type: "date", nullable: true),
                    PresentedToBoard = table.Column<DateOnly>(type: "date", nullable: true),
                    Version = table.Column<Guid>(type: "uuid", nullable: false),
                    PartnershipId = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_QuarterlyReports", x => x.Id);
                    table.ForeignKey(
                        name: "FK_QuarterlyReports_Partnerships_PartnershipId",
                        column: x => x.PartnershipId,
                        principalTable: "Partnerships",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "RepaymentClaims",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Amount = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: false),
                    Full = table.Column<bool>(type: "boolean", nullable: false),
                    Reason = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    Explanation = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    ClaimedOn = table.Column<DateOnly>(type: "date", nullable: false),
                    ClaimedBy = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    SettledOn = table.Column<DateOnly>(type: "date", nullable: true),
                    SettledAmount = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: true),
                    Reference = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    Version = table.Column<Guid>(type: "uuid", nullable: false),
                    PartnershipId = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RepaymentClaims", x => x.Id);
                    table.ForeignKey(
                        name: "FK_RepaymentClaims_Partnerships_PartnershipId",
                        column: x => x.PartnershipId,
                        principalTable: "Partnerships",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "SteeringMeetings",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Date = table.Column<DateOnly>(type: "date", nullable: false),
                    Kind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Agenda = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    Present = table.Column<string>(type: "text", nullable: false),
                    Minutes = table.Column<string>(type: "character varying(20000)", maxLength: 20000, nullable: true),
                    Decisions = table.Column<string>(type: "text", nullable: false),
                    RecordedBy = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    RecordedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Attachments = table.Column<string>(type: "text", nullable: true),
                    Version = table.Column<Guid>(type: "uuid", nullable: false),
                    PartnershipId = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SteeringMeetings", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SteeringMeetings_Partnerships_PartnershipId",
                        column: x => x.PartnershipId,
                        principalTable: "Partnerships",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Surpluses",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Year = table.Column<int>(type: "integer", nullable: false),
                    Amount = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: false),
                    Purpose = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    RecordedBy = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    RecordedOn = table.Column<DateOnly>(type: "date", nullable: false),
                    Version = table.Column<Guid>(type: "uuid", nullable: false),
                    PartnershipId = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Surpluses", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Surpluses_Partnerships_PartnershipId",
                        column: x => x.PartnershipId,
                        principalTable: "Partnerships",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "TripartiteReviews",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Date = table.Column<DateOnly>(type: "date", nullable: false),
                    Participants = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    Activities = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    FundsUsedSoFar = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: false),
                    RecordedBy = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Version = table.Column<Guid>(type: "uuid", nullable: false),
                    PartnershipId = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TripartiteReviews", x => x.Id);
                    table.ForeignKey(
                        name: "FK_TripartiteReviews_Partnerships_PartnershipId",
                        column: x => x.PartnershipId,
                        principalTable: "Partnerships",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "UsageReports",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    From = table.Column<DateOnly>(type: "date", nullable: false),
                    To = table.Column<DateOnly>(type: "date", nullable: false),
                    Used = table.Column<string>(type: "text", nullable: false),
                    ReportedBy = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    ReportedOn = table.Column<DateOnly>(type: "date", nullable: false),
                    Version = table.Column<Guid>(type: "uuid", nullable: false),
                    PartnershipId = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_UsageReports", x => x.Id);
                    table.ForeignKey(
                        name: "FK_UsageReports_Partnerships_PartnershipId",
                        column: x => x.PartnershipId,
                        principalTable: "Partnerships",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "YearlyFollowUps",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Year = table.Column<int>(type: "integer", nullable: false),
                    Description = table.Column<string>(type: "character varying(20000)", maxLength: 20000, nullable: false),
                    KeyFigures = table.Column<string>(type: "text", nullable: false),
                    SubmittedOn = table.Column<DateOnly>(type: "date", nullable: false),
                    SubmittedBy = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Assessment = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: true),
                    AssessmentReason = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    AssessedBy = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    AssessedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    Finances = table.Column<string>(type: "text", nullable: true),
                    Statements = table.Column<string>(type: "text", nullable: true),
                    Version = table.Column<Guid>(type: "uuid", nullable: false),
                    PartnershipId = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_YearlyFollowUps", x => x.Id);
                    table.ForeignKey(
                        name: "FK_YearlyFollowUps_Partnerships_PartnershipId",
                        column: x => x.PartnershipId,
                        principalTable: "Partnerships",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_AuditEntries_ParentId_At",
                table: "AuditEntries",
                columns: new[] { "ParentId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_Activities_PartnershipId_Date",
                table: "Activities",
                columns: new[] { "PartnershipId", "Date" });

            migrationBuilder.CreateIndex(
                name: "IX_CoordinationMeetings_PartnershipId_Date",
                table: "CoordinationMeetings",
                columns: new[] { "PartnershipId", "Date" });

            migrationBuilder.CreateIndex(
                name: "IX_NightWalks_PartnershipId_Date",
                table: "NightWalks",
                columns: new[] { "PartnershipId", "Date" });

            migrationBuilder.CreateIndex(
                name: "IX_Obligations_PartnershipId_Audience_ShowFrom",
                table: "Obligations",
                columns: new[] { "PartnershipId", "Audience", "ShowFrom" });

            migrationBuilder.CreateIndex(
                name: "IX_Obligations_PartnershipId_Key",
                table: "Obligations",
                columns: new[] { "PartnershipId", "Key" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_PartnershipParties_PartyId_PartnershipId",
                table: "PartnershipParties",
                columns: new[] { "PartyId", "PartnershipId" });

            migrationBuilder.CreateIndex(
                name: "IX_Payments_DueOn_PaidOn_Cancelled",
                table: "Payments",
                columns: new[] { "DueOn", "PaidOn", "Cancelled" });

            migrationBuilder.CreateIndex(
                name: "IX_Payments_PartnershipId_DueOn",
                table: "Payments",
                columns: new[] { "PartnershipId", "DueOn" });

            migrationBuilder.CreateIndex(
                name: "IX_QuarterlyReports_PartnershipId_Year_Quarter",
                table: "QuarterlyReports",
                columns: new[] { "PartnershipId", "Year", "Quarter" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_RepaymentClaims_PartnershipId_ClaimedOn",
                table: "RepaymentClaims",
                columns: new[] { "PartnershipId", "ClaimedOn" });

            migrationBuilder.CreateIndex(
                name: "IX_SteeringMeetings_PartnershipId_Date",
                table: "SteeringMeetings",
                columns: new[] { "PartnershipId", "Date" });

            migrationBuilder.CreateIndex(
                name: "IX_Surpluses_PartnershipId_Year",
                table: "Surpluses",
                columns: new[] { "PartnershipId", "Year" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_TripartiteReviews_PartnershipId_Date",
                table: "TripartiteReviews",
                columns: new[] { "PartnershipId", "Date" });

            migrationBuilder.CreateIndex(
                name: "IX_UsageReports_PartnershipId_From",
                table: "UsageReports",
                columns: new[] { "PartnershipId", "From" });

            migrationBuilder.CreateIndex(
                name: "IX_YearlyFollowUps_PartnershipId_Year",
                table: "YearlyFollowUps",
                columns: new[] { "PartnershipId", "Year" },
                unique: true);

            // The records move from the partnership's JSON columns to their own tables, every one kept (ADR 0012).
            migrationBuilder.Sql(@"INSERT INTO ""SteeringMeetings"" (""Id"", ""Date"", ""Kind"", ""Agenda"", ""Present"", ""Minutes"", ""Decisions"", ""RecordedBy"", ""RecordedAt"", ""Attachments"", ""Version"", ""PartnershipId"")
SELECT (e.value ->> 'Id')::uuid, (e.value ->> 'Date')::date, e.value ->> 'Kind', e.value ->> 'Agenda', coalesce((e.value -> 'Present')::text, '[]'), e.value ->> 'Minutes', coalesce((e.value -> 'Decisions')::text, '[]'), e.value ->> 'RecordedBy', (e.value ->> 'RecordedAt')::timestamptz, nullif((e.value -> 'Attachments')::text, 'null'), gen_random_uuid(), p.""Id""
FROM ""Partnerships"" AS p, json_array_elements(p.""Meetings""::json) AS e;");

            migrationBuilder.Sql(@"INSERT INTO ""Payments"" (""Id"", ""Year"", ""DueOn"", ""Amount"", ""AwaitsFollowUpOf"", ""PaidOn"", ""Reference"", ""MarkedBy"", ""Cancelled"", ""Version"", ""PartnershipId"")
SELECT (e.value ->> 'Id')::uuid, (e.value ->> 'Year')::integer, (e.value ->> 'DueOn')::date, (e.value ->> 'Amount')::numeric, (e.value ->> 'AwaitsFollowUpOf')::integer, (e.value ->> 'PaidOn')::date, e.value ->> 'Reference', e.value ->> 'MarkedBy', coalesce((e.value ->> 'Cancelled')::boolean, false), gen_random_uuid(), p.""Id""
FROM ""Partnerships"" AS p, json_array_elements(p.""Payments""::json) AS e;");

            migrationBuilder.Sql(@"INSERT INTO ""YearlyFollowUps"" (""Id"", ""Year"", ""Description"", ""KeyFigures"", ""SubmittedOn"", ""SubmittedBy"", ""Assessment"", ""AssessmentReason"", ""AssessedBy"", ""AssessedOn"", ""Finances"", ""Statements"", ""Version"", ""PartnershipId"")
SELECT gen_random_uuid(), (e.value ->> 'Year')::integer, e.value ->> 'Description', coalesce((e.value -> 'KeyFigures')::text, '{}'), (e.value ->> 'SubmittedOn')::date, e.value ->> 'SubmittedBy', e.value ->> 'Assessment', e.value ->> 'AssessmentReason', e.value ->> 'AssessedBy', (e.value ->> 'AssessedOn')::date, nullif((e.value -> 'Finances')::text, 'null'), nullif((e.value -> 'Statements')::text, 'null'), gen_random_uuid(), p.""Id""
FROM ""Partnerships"" AS p, json_array_elements(p.""FollowUps""::json) AS e;");

            migrationBuilder.Sql(@"INSERT INTO ""QuarterlyReports"" (""Id"", ""Year"", ""Quarter"", ""Draft"", ""Completion"", ""SavedOn"", ""SavedBy"", ""PresentedToCommittee"", ""PresentedToBoard"", ""Version"", ""PartnershipId"")
SELECT gen_random_uuid(), (e.value ->> 'Year')::integer, (e.value ->> 'Quarter')::integer, e.value ->> 'Draft', e.value ->> 'Completion', (e.value ->> 'SavedOn')::date, e.value ->> 'SavedBy', (e.value ->> 'PresentedToCommittee')::date, (e.value ->> 'PresentedToBoard')::date, gen_random_uuid(), p.""Id""
FROM ""Partnerships"" AS p, json_array_elements(p.""Quarterly""::json) AS e;");

            migrationBuilder.Sql(@"INSERT INTO ""CoordinationMeetings"" (""Id"", ""Date"", ""ReferringUnit"", ""Participants"", ""Outcome"", ""RecordedBy"", ""Version"", ""PartnershipId"")
SELECT (e.value ->> 'Id')::uuid, (e.value ->> 'Date')::date, e.value ->> 'ReferringUnit', e.value ->> 'Participants', e.value ->> 'Outcome', e.value ->> 'RecordedBy', gen_random_uuid(), p.""Id""
FROM ""Partnerships"" AS p, json_array_elements(p.""Coordination""::json) AS e;");

            migrationBuilder.Sql(@"INSERT INTO ""TripartiteReviews"" (""Id"", ""Date"", ""Participants"", ""Activities"", ""FundsUsedSoFar"", ""RecordedBy"", ""Version"", ""PartnershipId"")
SELECT (e.value ->> 'Id')::uuid, (e.value ->> 'Date')::date, e.value ->> 'Participants', e.value ->> 'Activities', (e.value ->> 'FundsUsedSoFar')::numeric, e.value ->> 'RecordedBy', gen_random_uuid(), p.""Id""
FROM ""Partnerships"" AS p, json_array_elements(p.""Reviews""::json) AS e;");

            migrationBuilder.Sql(@"INSERT INTO ""UsageReports"" (""Id"", ""From"", ""To"", ""Used"", ""ReportedBy"", ""ReportedOn"", ""Version"", ""PartnershipId"")
SELECT (e.value ->> 'Id')::uuid, (e.value ->> 'From')::date, (e.value ->> 'To')::date, coalesce((e.value -> 'Used')::text, '{}'), e.value ->> 'ReportedBy', (e.value ->> 'ReportedOn')::date, gen_random_uuid(), p.""Id""
FROM ""Partnerships"" AS p, json_array_elements(p.""Usage""::json) AS e;");

            migrationBuilder.Sql(@"INSERT INTO ""RepaymentClaims"" (""Id"", ""Amount"", ""Full"", ""Reason"", ""Explanation"", ""ClaimedOn"", ""ClaimedBy"", ""Status"", ""SettledOn"", ""SettledAmount"", ""Reference"", ""Version"", ""PartnershipId"")
SELECT (e.value ->> 'Id')::uuid, (e.value ->> 'Amount')::numeric, coalesce((e.value ->> 'Full')::boolean, false), e.value ->> 'Reason', e.value ->> 'Explanation', (e.value ->> 'ClaimedOn')::date, e.value ->> 'ClaimedBy', coalesce(e.value ->> 'Status', 'Open'), (e.value ->> 'SettledOn')::date, (e.value ->> 'SettledAmount')::numeric, e.value ->> 'Reference', gen_random_uuid(), p.""Id""
FROM ""Partnerships"" AS p, json_array_elements(p.""Claims""::json) AS e;");

            migrationBuilder.Sql(@"INSERT INTO ""Surpluses"" (""Id"", ""Year"", ""Amount"", ""Purpose"", ""RecordedBy"", ""RecordedOn"", ""Version"", ""PartnershipId"")
SELECT gen_random_uuid(), (e.value ->> 'Year')::integer, (e.value ->> 'Amount')::numeric, e.value ->> 'Purpose', e.value ->> 'RecordedBy', (e.value ->> 'RecordedOn')::date, gen_random_uuid(), p.""Id""
FROM ""Partnerships"" AS p, json_array_elements(p.""Surpluses""::json) AS e;");

            migrationBuilder.Sql(@"INSERT INTO ""Activities"" (""Id"", ""Date"", ""Title"", ""Description"", ""Figures"", ""RecordedBy"", ""Version"", ""PartnershipId"")
SELECT (e.value ->> 'Id')::uuid, (e.value ->> 'Date')::date, e.value ->> 'Title', e.value ->> 'Description', coalesce((e.value -> 'Figures')::text, '{}'), e.value ->> 'RecordedBy', gen_random_uuid(), p.""Id""
FROM ""Partnerships"" AS p, json_array_elements(p.""Activities""::json) AS e;");

            migrationBuilder.Sql(@"INSERT INTO ""NightWalks"" (""Id"", ""Date"", ""Area"", ""Groups"", ""RecordedBy"", ""Version"", ""PartnershipId"")
SELECT (e.value ->> 'Id')::uuid, (e.value ->> 'Date')::date, e.value ->> 'Area', coalesce((e.value -> 'Groups')::text, '[]'), e.value ->> 'RecordedBy', gen_random_uuid(), p.""Id""
FROM ""Partnerships"" AS p, json_array_elements(p.""NightWalks""::json) AS e;");

            // Who takes part in each partnership, for the scope filter's index.
            migrationBuilder.Sql(@"INSERT INTO ""PartnershipParties"" (""PartnershipId"", ""PartyId"")
SELECT p.""Id"", m FROM ""Partnerships"" AS p, unnest(p.""MunicipalityIds"") AS m
UNION SELECT p.""Id"", o FROM ""Partnerships"" AS p, unnest(p.""OrganisationIds"") AS o;");

            migrationBuilder.DropColumn(
                name: "Activities",
                table: "Partnerships");

            migrationBuilder.DropColumn(
                name: "Claims",
                table: "Partnerships");

            migrationBuilder.DropColumn(
                name: "Coordination",
                table: "Partnerships");

            migrationBuilder.DropColumn(
                name: "FollowUps",
                table: "Partnerships");

            migrationBuilder.DropColumn(
                name: "Meetings",
                table: "Partnerships");

            migrationBuilder.DropColumn(
                name: "NightWalks",
                table: "Partnerships");

            migrationBuilder.DropColumn(
                name: "Payments",
                table: "Partnerships");

            migrationBuilder.DropColumn(
                name: "Quarterly",
                table: "Partnerships");

            migrationBuilder.DropColumn(
                name: "Reviews",
                table: "Partnerships");

            migrationBuilder.DropColumn(
                name: "Surpluses",
                table: "Partnerships");

            migrationBuilder.DropColumn(
                name: "Usage",
                table: "Partnerships");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // The records cannot be folded back into JSON columns by SQL alone without losing what
            // changed since; restore the backup taken before the upgrade instead (docs/operations.md).
            throw new NotSupportedException("PartnershipRecords cannot be reverted; restore the database from the backup taken before the upgrade.");
        }
    }
}
