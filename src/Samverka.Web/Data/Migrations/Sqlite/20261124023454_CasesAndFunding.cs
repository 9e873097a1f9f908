using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Samverka.Web.Data.Migrations.Sqlite
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
                type: "TEXT",
                nullable: false,
                defaultValue: "[]");

            migrationBuilder.AddColumn<string>(
                name: "Contacts",
                table: "Organisations",
                type: "TEXT",
                nullable: false,
                defaultValue: "[]");

            migrationBuilder.AddColumn<string>(
                name: "SearchText",
                table: "Organisations",
                type: "TEXT",
                maxLength: 400,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<Guid>(
                name: "CommitteeId",
                table: "AspNetUsers",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "BudgetFrames",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    MunicipalityId = table.Column<Guid>(type: "TEXT", nullable: false),
                    CommitteeId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Year = table.Column<int>(type: "INTEGER", nullable: false),
                    Amount = table.Column<decimal>(type: "TEXT", precision: 14, scale: 2, nullable: false),
                    Version = table.Column<Guid>(type: "TEXT", nullable: false)
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
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    MunicipalityId = table.Column<Guid>(type: "TEXT", nullable: false),
                    MunicipalityIds = table.Column<string>(type: "TEXT", nullable: false),
                    OrganisationIds = table.Column<string>(type: "TEXT", nullable: false),
                    GuidelineId = table.Column<Guid>(type: "TEXT", nullable: false),
                    GuidelineNumber = table.Column<int>(type: "INTEGER", nullable: false),
                    Rules = table.Column<string>(type: "TEXT", nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Idea = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    TargetGroup = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    SimilarWork = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    AmountPerYear = table.Column<decimal>(type: "TEXT", precision: 14, scale: 2, nullable: true),
                    TermStart = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    TermEnd = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    State = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    OpenedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    RemitCommitteeIds = table.Column<string>(type: "TEXT", nullable: false),
                    Transitions = table.Column<string>(type: "TEXT", nullable: false),
                    Meetings = table.Column<string>(type: "TEXT", nullable: false),
                    Criteria = table.Column<string>(type: "TEXT", nullable: false),
                    Remit = table.Column<string>(type: "TEXT", nullable: true),
                    Suitability = table.Column<string>(type: "TEXT", nullable: false),
                    CaseByCaseLegalForms = table.Column<string>(type: "TEXT", nullable: false),
                    LegalFormJudgement = table.Column<string>(type: "TEXT", nullable: true),
                    DoubleFunding = table.Column<string>(type: "TEXT", nullable: true),
                    DecidingBody = table.Column<string>(type: "TEXT", nullable: true),
                    DecidingCommitteeId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Decisions = table.Column<string>(type: "TEXT", nullable: false),
                    Version = table.Column<Guid>(type: "TEXT", nullable: false)
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
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    MunicipalityId = table.Column<Guid>(type: "TEXT", nullable: false),
                    OrganisationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    CommitteeId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Activity = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    FromYear = table.Column<int>(type: "INTEGER", nullable: false),
                    ToYear = table.Column<int>(type: "INTEGER", nullable: false),
                    AmountPerYear = table.Column<decimal>(type: "TEXT", precision: 14, scale: 2, nullable: true),
                    Version = table.Column<Guid>(type: "TEXT", nullable: false)
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
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    CaseId = table.Column<Guid>(type: "TEXT", nullable: false),
                    MunicipalityId = table.Column<Guid>(type: "TEXT", nullable: false),
                    MeetingId = table.Column<Guid>(type: "TEXT", nullable: false),
                    FileName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Format = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    Size = table.Column<long>(type: "INTEGER", nullable: false),
                    UploadedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UploadedBy = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false)
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
                    MunicipalityId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Number = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    CaseId = table.Column<Guid>(type: "TEXT", nullable: false)
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
