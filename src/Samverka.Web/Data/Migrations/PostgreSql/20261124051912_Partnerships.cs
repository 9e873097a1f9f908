using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Samverka.Web.Data.Migrations.PostgreSql
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
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    AgreementId = table.Column<Guid>(type: "uuid", nullable: false),
                    MunicipalityId = table.Column<Guid>(type: "uuid", nullable: false),
                    MunicipalityIds = table.Column<Guid[]>(type: "uuid[]", nullable: false),
                    OrganisationIds = table.Column<Guid[]>(type: "uuid[]", nullable: false),
                    Title = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    TermStart = table.Column<DateOnly>(type: "date", nullable: false),
                    TermEnd = table.Column<DateOnly>(type: "date", nullable: false),
                    Parties = table.Column<string>(type: "text", nullable: false),
                    SteeringGroup = table.Column<string>(type: "text", nullable: false),
                    Meetings = table.Column<string>(type: "text", nullable: false),
                    Payments = table.Column<string>(type: "text", nullable: false),
                    FollowUps = table.Column<string>(type: "text", nullable: false),
                    BudgetLines = table.Column<string>(type: "text", nullable: false),
                    Usage = table.Column<string>(type: "text", nullable: false),
                    Claims = table.Column<string>(type: "text", nullable: false),
                    Surpluses = table.Column<string>(type: "text", nullable: false),
                    Coordination = table.Column<string>(type: "text", nullable: false),
                    Reviews = table.Column<string>(type: "text", nullable: false),
                    Quarterly = table.Column<string>(type: "text", nullable: false),
                    Ended = table.Column<string>(type: "text", nullable: true),
                    FollowUpGatesPayment = table.Column<bool>(type: "boolean", nullable: false),
                    RenewalDialogueStarts = table.Column<DateOnly>(type: "date", nullable: true),
                    RenewLatest = table.Column<DateOnly>(type: "date", nullable: true),
                    StartedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Version = table.Column<Guid>(type: "uuid", nullable: false)
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
