using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace UCE.Usage.Data.Migrations
{
    /// <inheritdoc />
    public partial class UsageOwnersAndConsents : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "CustomerId",
                table: "meters",
                type: "character varying(32)",
                maxLength: 32,
                nullable: false,
                defaultValue: "");

            // Meters written before this migration come from the demo set or the generator, whose location and
            // customer ids share their number (loc-000042 is cus-000042's).
            migrationBuilder.Sql("""UPDATE meters SET "CustomerId" = 'cus-' || substr("LocationId", 5) WHERE "CustomerId" = '' AND "LocationId" LIKE 'loc-%'""");

            migrationBuilder.CreateTable(
                name: "usage_consents",
                columns: table => new
                {
                    CustomerId = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    ClientId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    GrantedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_usage_consents", x => new { x.CustomerId, x.ClientId });
                });

            migrationBuilder.CreateIndex(
                name: "IX_usage_consents_ClientId",
                table: "usage_consents",
                column: "ClientId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "usage_consents");

            migrationBuilder.DropColumn(
                name: "CustomerId",
                table: "meters");
        }
    }
}
