using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace UCE.Outages.Data.Migrations
{
    /// <inheritdoc />
    public partial class GridEventIngestion : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "processed_grid_events",
                columns: table => new
                {
                    EventId = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    OutageId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Type = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    AppliedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_processed_grid_events", x => x.EventId);
                });

            migrationBuilder.CreateIndex(
                name: "IX_processed_grid_events_OutageId",
                table: "processed_grid_events",
                column: "OutageId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "processed_grid_events");
        }
    }
}
