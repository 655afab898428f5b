using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace UCE.Outages.Data.Migrations
{
    /// <inheritdoc />
    public partial class OutageOwnersAndReportContact : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Contact",
                table: "outage_reports",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "CustomerId",
                table: "grid_connections",
                type: "character varying(64)",
                maxLength: 64,
                nullable: false,
                defaultValue: "");

            // Grid connections written before this migration come from the demo set or the generator, whose location
            // and customer ids share their number (loc-000042 is cus-000042's).
            migrationBuilder.Sql("""UPDATE grid_connections SET "CustomerId" = 'cus-' || substr("LocationId", 5) WHERE "CustomerId" = '' AND "LocationId" LIKE 'loc-%'""");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Contact",
                table: "outage_reports");

            migrationBuilder.DropColumn(
                name: "CustomerId",
                table: "grid_connections");
        }
    }
}
