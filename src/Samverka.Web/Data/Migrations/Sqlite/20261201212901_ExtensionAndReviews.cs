using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Samverka.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ExtensionAndReviews : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateOnly>(
                name: "ExtensionDecidedIn",
                table: "Partnerships",
                type: "TEXT",
                nullable: true);

            // Running partnerships take the month from the agreement they run under (an amendment's, if applied later, replaces it).
            migrationBuilder.Sql("UPDATE Partnerships SET ExtensionDecidedIn = (SELECT json_extract(a.Content, '$.Facts.ExtensionDecidedIn') FROM Agreements a WHERE a.Id = Partnerships.AgreementId)");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "ExtensionDecidedIn",
                table: "Partnerships");
        }
    }
}
