using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Samverka.Web.Data.Migrations.Sqlite
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
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<Guid>(
                name: "ParentId",
                table: "AuditEntries",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "Activities",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Date = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Description = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    Figures = table.Column<string>(type: "TEXT", nullable: false),
                    RecordedBy = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Version = table.Column<Guid>(type: "TEXT", nullable: false),
                    PartnershipId = table.Column<Guid>(type: "TEXT", nullable: false)
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
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Date = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    ReferringUnit = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Participants = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    Outcome = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    RecordedBy = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Version = table.Column<Guid>(type: "TEXT", nullable: false),
                    PartnershipId = table.Column<Guid>(type: "TEXT", nullable: false)
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
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Date = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Area = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Groups = table.Column<string>(type: "TEXT", nullable: false),
                    RecordedBy = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Version = table.Column<Guid>(type: "TEXT", nullable: false),
                    PartnershipId = table.Column<Guid>(type: "TEXT", nullable: false)
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
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    PartnershipId = table.Column<Guid>(type: "TEXT", nullable: false),
                    MunicipalityId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Key = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    Audience = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Text = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    ShowFrom = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    By = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    HideAfter = table.Column<DateOnly>(type: "TEXT", nullable: false)
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
                    PartnershipId = table.Column<Guid>(type: "TEXT", nullable: false),
                    PartyId = table.Column<Guid>(type: "TEXT", nullable: false)
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
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Year = table.Column<int>(type: "INTEGER", nullable: false),
                    DueOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Amount = table.Column<decimal>(type: "TEXT", precision: 18, scale: 2, nullable: false),
                    AwaitsFollowUpOf = table.Column<int>(type: "INTEGER", nullable: true),
                    PaidOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    Reference = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    MarkedBy = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    Cancelled = table.Column<bool>(type: "INTEGER", nullable: false),
                    Version = table.Column<Guid>(type: "TEXT", nullable: false),
                    PartnershipId = table.Column<Guid>(type: "TEXT", nullable: false)
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
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Year = table.Column<int>(type: "INTEGER", nullable: false),
                    Quarter = table.Column<int>(type: "INTEGER", nullable: false),
                    Draft = table.Column<string>(type: "TEXT", maxLength: 40000, nullable: false),
                    Completion = table.Column<string>(type: "TEXT", maxLength: 20000, nullable: true),
                    SavedOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    SavedBy = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    PresentedToCommittee = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    PresentedToBoard = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    Version = table.Column<Guid>(type: "TEXT", nullable: false),
                    PartnershipId = table.Column<Guid>(type: "TEXT", nullable: false)
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
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Amount = table.Column<decimal>(type: "TEXT", precision: 18, scale: 2, nullable: false),
                    Full = table.Column<bool>(type: "INTEGER", nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    Explanation = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    ClaimedOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    ClaimedBy = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    SettledOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    SettledAmount = table.Column<decimal>(type: "TEXT", precision: 18, scale: 2, nullable: true),
                    Reference = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    Version = table.Column<Guid>(type: "TEXT", nullable: false),
                    PartnershipId = table.Column<Guid>(type: "TEXT", nullable: false)
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
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Date = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Agenda = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    Present = table.Column<string>(type: "TEXT", nullable: false),
                    Minutes = table.Column<string>(type: "TEXT", maxLength: 20000, nullable: true),
                    Decisions = table.Column<string>(type: "TEXT", nullable: false),
                    RecordedBy = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    RecordedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Attachments = table.Column<string>(type: "TEXT", nullable: true),
                    Version = table.Column<Guid>(type: "TEXT", nullable: false),
                    PartnershipId = table.Column<Guid>(type: "TEXT", nullable: false)
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
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Year = table.Column<int>(type: "INTEGER", nullable: false),
                    Amount = table.Column<decimal>(type: "TEXT", precision: 18, scale: 2, nullable: false),
                    Purpose = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    RecordedBy = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    RecordedOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Version = table.Column<Guid>(type: "TEXT", nullable: false),
                    PartnershipId = table.Column<Guid>(type: "TEXT", nullable: false)
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
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Date = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Participants = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    Activities = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    FundsUsedSoFar = table.Column<decimal>(type: "TEXT", precision: 18, scale: 2, nullable: false),
                    RecordedBy = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Version = table.Column<Guid>(type: "TEXT", nullable: false),
                    PartnershipId = table.Column<Guid>(type: "TEXT", nullable: false)
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
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    From = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    To = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Used = table.Column<string>(type: "TEXT", nullable: false),
                    ReportedBy = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    ReportedOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Version = table.Column<Guid>(type: "TEXT", nullable: false),
                    PartnershipId = table.Column<Guid>(type: "TEXT", nullable: false)
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
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Year = table.Column<int>(type: "INTEGER", nullable: false),
                    Description = table.Column<string>(type: "TEXT", maxLength: 20000, nullable: false),
                    KeyFigures = table.Column<string>(type: "TEXT", nullable: false),
                    SubmittedOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    SubmittedBy = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Assessment = table.Column<string>(type: "TEXT", maxLength: 30, nullable: true),
                    AssessmentReason = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    AssessedBy = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    AssessedOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    Finances = table.Column<string>(type: "TEXT", nullable: true),
                    Statements = table.Column<string>(type: "TEXT", nullable: true),
                    Version = table.Column<Guid>(type: "TEXT", nullable: false),
                    PartnershipId = table.Column<Guid>(type: "TEXT", nullable: false)
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
SELECT upper(json_extract(e.value, '$.Id')), json_extract(e.value, '$.Date'), json_extract(e.value, '$.Kind'), json_extract(e.value, '$.Agenda'), coalesce(json_extract(e.value, '$.Present'), '[]'), json_extract(e.value, '$.Minutes'), coalesce(json_extract(e.value, '$.Decisions'), '[]'), json_extract(e.value, '$.RecordedBy'), (CAST(round((julianday(json_extract(e.value, '$.RecordedAt')) - 1721425.5) * 864000000.0) AS INTEGER) << 11), json_extract(e.value, '$.Attachments'), upper(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-' || hex(randomblob(2)) || '-' || hex(randomblob(2)) || '-' || hex(randomblob(6))), p.""Id""
FROM ""Partnerships"" AS p, json_each(p.""Meetings"") AS e;");

            migrationBuilder.Sql(@"INSERT INTO ""Payments"" (""Id"", ""Year"", ""DueOn"", ""Amount"", ""AwaitsFollowUpOf"", ""PaidOn"", ""Reference"", ""MarkedBy"", ""Cancelled"", ""Version"", ""PartnershipId"")
SELECT upper(json_extract(e.value, '$.Id')), json_extract(e.value, '$.Year'), json_extract(e.value, '$.DueOn'), CAST(json_extract(e.value, '$.Amount') AS TEXT), json_extract(e.value, '$.AwaitsFollowUpOf'), json_extract(e.value, '$.PaidOn'), json_extract(e.value, '$.Reference'), json_extract(e.value, '$.MarkedBy'), coalesce(json_extract(e.value, '$.Cancelled'), 0), upper(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-' || hex(randomblob(2)) || '-' || hex(randomblob(2)) || '-' || hex(randomblob(6))), p.""Id""
FROM ""Partnerships"" AS p, json_each(p.""Payments"") AS e;");

            migrationBuilder.Sql(@"INSERT INTO ""YearlyFollowUps"" (""Id"", ""Year"", ""Description"", ""KeyFigures"", ""SubmittedOn"", ""SubmittedBy"", ""Assessment"", ""AssessmentReason"", ""AssessedBy"", ""AssessedOn"", ""Finances"", ""Statements"", ""Version"", ""PartnershipId"")
SELECT upper(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-' || hex(randomblob(2)) || '-' || hex(randomblob(2)) || '-' || hex(randomblob(6))), json_extract(e.value, '$.Year'), json_extract(e.value, '$.Description'), coalesce(json_extract(e.value, '$.KeyFigures'), '{}'), json_extract(e.value, '$.SubmittedOn'), json_extract(e.value, '$.SubmittedBy'), json_extract(e.value, '$.Assessment'), json_extract(e.value, '$.AssessmentReason'), json_extract(e.value, '$.AssessedBy'), json_extract(e.value, '$.AssessedOn'), json_extract(e.value, '$.Finances'), json_extract(e.value, '$.Statements'), upper(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-' || hex(randomblob(2)) || '-' || hex(randomblob(2)) || '-' || hex(randomblob(6))), p.""Id""
FROM ""Partnerships"" AS p, json_each(p.""FollowUps"") AS e;");

            migrationBuilder.Sql(@"INSERT INTO ""QuarterlyReports"" (""Id"", ""Year"", ""Quarter"", ""Draft"", ""Completion"", ""SavedOn"", ""SavedBy"", ""PresentedToCommittee"", ""PresentedToBoard"", ""Version"", ""PartnershipId"")
SELECT upper(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-' || hex(randomblob(2)) || '-' || hex(randomblob(2)) || '-' || hex(randomblob(6))), json_extract(e.value, '$.Year'), json_extract(e.value, '$.Quarter'), json_extract(e.value, '$.Draft'), json_extract(e.value, '$.Completion'), json_extract(e.value, '$.SavedOn'), json_extract(e.value, '$.SavedBy'), json_extract(e.value, '$.PresentedToCommittee'), json_extract(e.value, '$.PresentedToBoard'), upper(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-' || hex(randomblob(2)) || '-' || hex(randomblob(2)) || '-' || hex(randomblob(6))), p.""Id""
FROM ""Partnerships"" AS p, json_each(p.""Quarterly"") AS e;");

            migrationBuilder.Sql(@"INSERT INTO ""CoordinationMeetings"" (""Id"", ""Date"", ""ReferringUnit"", ""Participants"", ""Outcome"", ""RecordedBy"", ""Version"", ""PartnershipId"")
SELECT upper(json_extract(e.value, '$.Id')), json_extract(e.value, '$.Date'), json_extract(e.value, '$.ReferringUnit'), json_extract(e.value, '$.Participants'), json_extract(e.value, '$.Outcome'), json_extract(e.value, '$.RecordedBy'), upper(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-' || hex(randomblob(2)) || '-' || hex(randomblob(2)) || '-' || hex(randomblob(6))), p.""Id""
FROM ""Partnerships"" AS p, json_each(p.""Coordination"") AS e;");

            migrationBuilder.Sql(@"INSERT INTO ""TripartiteReviews"" (""Id"", ""Date"", ""Participants"", ""Activities"", ""FundsUsedSoFar"", ""RecordedBy"", ""Version"", ""PartnershipId"")
SELECT upper(json_extract(e.value, '$.Id')), json_extract(e.value, '$.Date'), json_extract(e.value, '$.Participants'), json_extract(e.value, '$.Activities'), CAST(json_extract(e.value, '$.FundsUsedSoFar') AS TEXT), json_extract(e.value, '$.RecordedBy'), upper(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-' || hex(randomblob(2)) || '-' || hex(randomblob(2)) || '-' || hex(randomblob(6))), p.""Id""
FROM ""Partnerships"" AS p, json_each(p.""Reviews"") AS e;");

            migrationBuilder.Sql(@"INSERT INTO ""UsageReports"" (""Id"", ""From"", ""To"", ""Used"", ""ReportedBy"", ""ReportedOn"", ""Version"", ""PartnershipId"")
SELECT upper(json_extract(e.value, '$.Id')), json_extract(e.value, '$.From'), json_extract(e.value, '$.To'), coalesce(json_extract(e.value, '$.Used'), '{}'), json_extract(e.value, '$.ReportedBy'), json_extract(e.value, '$.ReportedOn'), upper(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-' || hex(randomblob(2)) || '-' || hex(randomblob(2)) || '-' || hex(randomblob(6))), p.""Id""
FROM ""Partnerships"" AS p, json_each(p.""Usage"") AS e;");

            migrationBuilder.Sql(@"INSERT INTO ""RepaymentClaims"" (""Id"", ""Amount"", ""Full"", ""Reason"", ""Explanation"", ""ClaimedOn"", ""ClaimedBy"", ""Status"", ""SettledOn"", ""SettledAmount"", ""Reference"", ""Version"", ""PartnershipId"")
SELECT upper(json_extract(e.value, '$.Id')), CAST(json_extract(e.value, '$.Amount') AS TEXT), coalesce(json_extract(e.value, '$.Full'), 0), json_extract(e.value, '$.Reason'), json_extract(e.value, '$.Explanation'), json_extract(e.value, '$.ClaimedOn'), json_extract(e.value, '$.ClaimedBy'), coalesce(json_extract(e.value, '$.Status'), 'Open'), json_extract(e.value, '$.SettledOn'), CAST(json_extract(e.value, '$.SettledAmount') AS TEXT), json_extract(e.value, '$.Reference'), upper(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-' || hex(randomblob(2)) || '-' || hex(randomblob(2)) || '-' || hex(randomblob(6))), p.""Id""
FROM ""Partnerships"" AS p, json_each(p.""Claims"") AS e;");

            migrationBuilder.Sql(@"INSERT INTO ""Surpluses"" (""Id"", ""Year"", ""Amount"", ""Purpose"", ""RecordedBy"", ""RecordedOn"", ""Version"", ""PartnershipId"")
SELECT upper(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-' || hex(randomblob(2)) || '-' || hex(randomblob(2)) || '-' || hex(randomblob(6))), json_extract(e.value, '$.Year'), CAST(json_extract(e.value, '$.Amount') AS TEXT), json_extract(e.value, '$.Purpose'), json_extract(e.value, '$.RecordedBy'), json_extract(e.value, '$.RecordedOn'), upper(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-' || hex(randomblob(2)) || '-' || hex(randomblob(2)) || '-' || hex(randomblob(6))), p.""Id""
FROM ""Partnerships"" AS p, json_each(p.""Surpluses"") AS e;");

            migrationBuilder.Sql(@"INSERT INTO ""Activities"" (""Id"", ""Date"", ""Title"", ""Description"", ""Figures"", ""RecordedBy"", ""Version"", ""PartnershipId"")
SELECT upper(json_extract(e.value, '$.Id')), json_extract(e.value, '$.Date'), json_extract(e.value, '$.Title'), json_extract(e.value, '$.Description'), coalesce(json_extract(e.value, '$.Figures'), '{}'), json_extract(e.value, '$.RecordedBy'), upper(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-' || hex(randomblob(2)) || '-' || hex(randomblob(2)) || '-' || hex(randomblob(6))), p.""Id""
FROM ""Partnerships"" AS p, json_each(p.""Activities"") AS e;");

            migrationBuilder.Sql(@"INSERT INTO ""NightWalks"" (""Id"", ""Date"", ""Area"", ""Groups"", ""RecordedBy"", ""Version"", ""PartnershipId"")
SELECT upper(json_extract(e.value, '$.Id')), json_extract(e.value, '$.Date'), json_extract(e.value, '$.Area'), coalesce(json_extract(e.value, '$.Groups'), '[]'), json_extract(e.value, '$.RecordedBy'), upper(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-' || hex(randomblob(2)) || '-' || hex(randomblob(2)) || '-' || hex(randomblob(6))), p.""Id""
FROM ""Partnerships"" AS p, json_each(p.""NightWalks"") AS e;");

            // Who takes part in each partnership, for the scope filter's index.
            migrationBuilder.Sql(@"INSERT INTO ""PartnershipParties"" (""PartnershipId"", ""PartyId"")
SELECT p.""Id"", upper(e.value) FROM ""Partnerships"" AS p, json_each(p.""MunicipalityIds"") AS e
UNION SELECT p.""Id"", upper(e.value) FROM ""Partnerships"" AS p, json_each(p.""OrganisationIds"") AS e;");

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
