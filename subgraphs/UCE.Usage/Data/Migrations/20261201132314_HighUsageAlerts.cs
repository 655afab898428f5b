using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace UCE.Usage.Data.Migrations
{
    /// <inheritdoc />
    public partial class HighUsageAlerts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "high_usage_alerts",
                columns: table => new
                {
                    MeterId = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    PeriodStart = table.Column<DateOnly>(type: "date", nullable: false),
                    CustomerId = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    EventId = table.Column<string>(type: "character varying(96)", maxLength: 96, nullable: false),
                    Event = table.Column<string>(type: "character varying(2048)", maxLength: 2048, nullable: false),
                    RaisedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    StreamedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_high_usage_alerts", x => new { x.MeterId, x.PeriodStart });
                    table.ForeignKey(
                        name: "FK_high_usage_alerts_meters_MeterId",
                        column: x => x.MeterId,
                        principalTable: "meters",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_high_usage_alerts_EventId",
                table: "high_usage_alerts",
                column: "EventId",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "high_usage_alerts");
        }
    }
}
