using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Samverka.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Partnerships : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "Partnerships",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    AgreementId = table.Column<Guid>(type: "TEXT", nullable: false),
                    MunicipalityId = table.Column<Guid>(type: "TEXT", nullable: false),
                    MunicipalityIds = table.Column<string>(type: "TEXT", nullable: false),
                    OrganisationIds = table.Column<string>(type: "TEXT", nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    TermStart = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    TermEnd = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Parties = table.Column<string>(type: "TEXT", nullable: false),
                    SteeringGroup = table.Column<string>(type: "TEXT", nullable: false),
                    Meetings = table.Column<string>(type: "TEXT", nullable: false),
                    Payments = table.Column<string>(type: "TEXT", nullable: false),
                    FollowUps = table.Column<string>(type: "TEXT", nullable: false),
                    BudgetLines = table.Column<string>(type: "TEXT", nullable: false),
                    Usage = table.Column<string>(type: "TEXT", nullable: false),
                    Claims = table.Column<string>(type: "TEXT", nullable: false),
                    Surpluses = table.Column<string>(type: "TEXT", nullable: false),
                    Coordination = table.Column<string>(type: "TEXT", nullable: false),
                    Reviews = table.Column<string>(type: "TEXT", nullable: false),
                    Quarterly = table.Column<string>(type: "TEXT", nullable: false),
                    Ended = table.Column<string>(type: "TEXT", nullable: true),
                    FollowUpGatesPayment = table.Column<bool>(type: "INTEGER", nullable: false),
                    RenewalDialogueStarts = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    RenewLatest = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    StartedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Version = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Partnerships", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Partnerships_Agreements_AgreementId",
                        column: x => x.AgreementId,
                        principalTable: "Agreements",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Partnerships_Municipalities_MunicipalityId",
                        column: x => x.MunicipalityId,
                        principalTable: "Municipalities",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Partnerships_AgreementId",
                table: "Partnerships",
                column: "AgreementId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Partnerships_MunicipalityId_TermEnd_Id",
                table: "Partnerships",
                columns: new[] { "MunicipalityId", "TermEnd", "Id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "Partnerships");
        }
    }
}
