using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Samverka.Web.Data.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class CasesAndFunding : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_StoredFiles_OrganisationDocuments_Id",
                table: "StoredFiles");

            migrationBuilder.AddColumn<string>(
                name: "Board",
                table: "Organisations",
                type: "text",
                nullable: false,
                defaultValue: "[]");

            migrationBuilder.AddColumn<string>(
                name: "Contacts",
                table: "Organisations",
                type: "text",
                nullable: false,
                defaultValue: "[]");

            migrationBuilder.AddColumn<string>(
                name: "SearchText",
                table: "Organisations",
                type: "character varying(400)",
                maxLength: 400,
                nullable: false,
                defaultValue: "");

            // Substring search (LIKE '%…%') served by a trigram index instead of a scan. pg_trgm is a
            // trusted extension (PostgreSQL 13+), so the database owner may create it.
            migrationBuilder.Sql("CREATE EXTENSION IF NOT EXISTS pg_trgm;");
            migrationBuilder.Sql("CREATE INDEX \"IX_Organisations_SearchText_trgm\" ON \"Organisations\" USING gin (\"SearchText\" gin_trgm_ops);");

            migrationBuilder.AddColumn<Guid>(
                name: "CommitteeId",
                table: "AspNetUsers",
                type: "uuid",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "BudgetFrames",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    MunicipalityId = table.Column<Guid>(type: "uuid", nullable: false),
                    CommitteeId = table.Column<Guid>(type: "uuid", nullable: false),
                    Year = table.Column<int>(type: "integer", nullable: false),
                    Amount = table.Column<decimal>(type: "numeric(14,2)", precision: 14, scale: 2, nullable: false),
                    Version = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_BudgetFrames", x => x.Id);
                    table.ForeignKey(
                        name: "FK_BudgetFrames_Committees_CommitteeId",
                        column: x => x.CommitteeId,
                        principalTable: "Committees",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Cases",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    MunicipalityId = table.Column<Guid>(type: "uuid", nullable: false),
                    MunicipalityIds = table.Column<Guid[]>(type: "uuid[]", nullable: false),
                    OrganisationIds = table.Column<Guid[]>(type: "uuid[]", nullable: false),
                    GuidelineId = table.Column<Guid>(type: "uuid", nullable: false),
                    GuidelineNumber = table.Column<int>(type: "integer", nullable: false),
                    Rules = table.Column<string>(type: "text", nullable: false),
                    Title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Idea = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    TargetGroup = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    SimilarWork = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    AmountPerYear = table.Column<decimal>(type: "numeric(14,2)", precision: 14, scale: 2, nullable: true),
                    TermStart = table.Column<DateOnly>(type: "date", nullable: true),
                    TermEnd = table.Column<DateOnly>(type: "date", nullable: true),
                    State = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    OpenedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    RemitCommitteeIds = table.Column<Guid[]>(type: "uuid[]", nullable: false),
                    Transitions = table.Column<string>(type: "text", nullable: false),
                    Meetings = table.Column<string>(type: "text", nullable: false),
                    Criteria = table.Column<string>(type: "text", nullable: false),
                    Remit = table.Column<string>(type: "text", nullable: true),
                    Suitability = table.Column<string>(type: "text", nullable: false),
                    CaseByCaseLegalForms = table.Column<string>(type: "text", nullable: false),
                    LegalFormJudgement = table.Column<string>(type: "text", nullable: true),
                    DoubleFunding = table.Column<string>(type: "text", nullable: true),
                    DecidingBody = table.Column<string>(type: "text", nullable: true),
                    DecidingCommitteeId = table.Column<Guid>(type: "uuid", nullable: true),
                    Decisions = table.Column<string>(type: "text", nullable: false),
                    Version = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Cases", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Cases_Municipalities_MunicipalityId",
                        column: x => x.MunicipalityId,
                        principalTable: "Municipalities",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "OtherSupport",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    MunicipalityId = table.Column<Guid>(type: "uuid", nullable: false),
                    OrganisationId = table.Column<Guid>(type: "uuid", nullable: false),
                    CommitteeId = table.Column<Guid>(type: "uuid", nullable: false),
                    Kind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Activity = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    FromYear = table.Column<int>(type: "integer", nullable: false),
                    ToYear = table.Column<int>(type: "integer", nullable: false),
                    AmountPerYear = table.Column<decimal>(type: "numeric(14,2)", precision: 14, scale: 2, nullable: true),
                    Version = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_OtherSupport", x => x.Id);
                    table.ForeignKey(
                        name: "FK_OtherSupport_Committees_CommitteeId",
                        column: x => x.CommitteeId,
                        principalTable: "Committees",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_OtherSupport_Organisations_OrganisationId",
                        column: x => x.OrganisationId,
                        principalTable: "Organisations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "CaseAttachments",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    CaseId = table.Column<Guid>(type: "uuid", nullable: false),
                    MunicipalityId = table.Column<Guid>(type: "uuid", nullable: false),
                    MeetingId = table.Column<Guid>(type: "uuid", nullable: false),
                    FileName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Format = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    Size = table.Column<long>(type: "bigint", nullable: false),
                    UploadedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    UploadedBy = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CaseAttachments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CaseAttachments_Cases_CaseId",
                        column: x => x.CaseId,
                        principalTable: "Cases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "CaseNumbers",
                columns: table => new
                {
                    MunicipalityId = table.Column<Guid>(type: "uuid", nullable: false),
                    Number = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    CaseId = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CaseNumbers", x => new { x.MunicipalityId, x.Number });
                    table.ForeignKey(
                        name: "FK_CaseNumbers_Cases_CaseId",
                        column: x => x.CaseId,
                        principalTable: "Cases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_AspNetUsers_CommitteeId",
                table: "AspNetUsers",
                column: "CommitteeId");

            migrationBuilder.CreateIndex(
                name: "IX_BudgetFrames_CommitteeId_Year",
                table: "BudgetFrames",
                columns: new[] { "CommitteeId", "Year" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_BudgetFrames_MunicipalityId_Year",
                table: "BudgetFrames",
                columns: new[] { "MunicipalityId", "Year" });

            migrationBuilder.CreateIndex(
                name: "IX_CaseAttachments_CaseId_MeetingId",
                table: "CaseAttachments",
                columns: new[] { "CaseId", "MeetingId" });

            migrationBuilder.CreateIndex(
                name: "IX_CaseNumbers_CaseId",
                table: "CaseNumbers",
                column: "CaseId");

            migrationBuilder.CreateIndex(
                name: "IX_Cases_MunicipalityId_State_Id",
                table: "Cases",
                columns: new[] { "MunicipalityId", "State", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_OtherSupport_CommitteeId",
                table: "OtherSupport",
                column: "CommitteeId");

            migrationBuilder.CreateIndex(
                name: "IX_OtherSupport_MunicipalityId_OrganisationId",
                table: "OtherSupport",
                columns: new[] { "MunicipalityId", "OrganisationId" });

            migrationBuilder.CreateIndex(
                name: "IX_OtherSupport_OrganisationId",
                table: "OtherSupport",
                column: "OrganisationId");

            migrationBuilder.AddForeignKey(
                name: "FK_AspNetUsers_Committees_CommitteeId",
                table: "AspNetUsers",
                column: "CommitteeId",
                principalTable: "Committees",
                principalColumn: "Id",
                onDelete: ReferentialAction.SetNull);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP INDEX IF EXISTS \"IX_Organisations_SearchText_trgm\";");

            migrationBuilder.DropForeignKey(
                name: "FK_AspNetUsers_Committees_CommitteeId",
                table: "AspNetUsers");

            migrationBuilder.DropTable(
                name: "BudgetFrames");

            migrationBuilder.DropTable(
                name: "CaseAttachments");

            migrationBuilder.DropTable(
                name: "CaseNumbers");

            migrationBuilder.DropTable(
                name: "OtherSupport");

            migrationBuilder.DropTable(
                name: "Cases");

            migrationBuilder.DropIndex(
                name: "IX_AspNetUsers_CommitteeId",
                table: "AspNetUsers");

            migrationBuilder.DropColumn(
                name: "Board",
                table: "Organisations");

            migrationBuilder.DropColumn(
                name: "Contacts",
                table: "Organisations");

            migrationBuilder.DropColumn(
                name: "SearchText",
                table: "Organisations");

            migrationBuilder.DropColumn(
                name: "CommitteeId",
                table: "AspNetUsers");

            migrationBuilder.AddForeignKey(
                name: "FK_StoredFiles_OrganisationDocuments_Id",
                table: "StoredFiles",
                column: "Id",
                principalTable: "OrganisationDocuments",
                principalColumn: "Id",
                onDelete: ReferentialAction.Cascade);
        }
    }
}
