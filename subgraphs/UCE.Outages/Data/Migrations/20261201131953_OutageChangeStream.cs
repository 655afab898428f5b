using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace UCE.Outages.Data.Migrations
{
    /// <inheritdoc />
    public partial class OutageChangeStream : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Change",
                table: "processed_grid_events",
                type: "text",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Change",
                table: "processed_grid_events");
        }
    }
}
