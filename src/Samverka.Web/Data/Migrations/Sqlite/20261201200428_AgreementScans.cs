using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Samverka.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AgreementScans : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Scans",
                table: "Agreements",
                type: "TEXT",
                nullable: false,
                defaultValue: "[]");

            // The scan attached before there was a history becomes its first entry (when and by whom were not kept);
            // the latest scan is then read from the history, so its two columns go.
            migrationBuilder.Sql("""
                UPDATE "Agreements" SET "Scans" = json_array(json_object('FileId', "ScanFileId", 'Sha256', "ScanSha256", 'AttachedOn', COALESCE("SignedOn", date('now')), 'AttachedBy', 'Uppgift saknas', 'Correction', NULL)) WHERE "ScanFileId" IS NOT NULL;
                """);

            migrationBuilder.DropColumn(
                name: "ScanFileId",
                table: "Agreements");

            migrationBuilder.DropColumn(
                name: "ScanSha256",
                table: "Agreements");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Scans",
                table: "Agreements");

            migrationBuilder.AddColumn<Guid>(
                name: "ScanFileId",
                table: "Agreements",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ScanSha256",
                table: "Agreements",
                type: "TEXT",
                maxLength: 64,
                nullable: true);
        }
    }
}
