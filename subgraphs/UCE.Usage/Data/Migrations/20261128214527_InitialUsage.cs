using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace UCE.Usage.Data.Migrations
{
    /// <inheritdoc />
    public partial class InitialUsage : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "meters",
                columns: table => new
                {
                    Id = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    LocationId = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    RatePerKwh = table.Column<decimal>(type: "numeric(9,5)", precision: 9, scale: 5, nullable: false),
                    Currency = table.Column<string>(type: "character varying(3)", maxLength: 3, nullable: false),
                    ReadThrough = table.Column<DateOnly>(type: "date", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_meters", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "daily_read_blocks",
                columns: table => new
                {
                    MeterId = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    MonthStart = table.Column<DateOnly>(type: "date", nullable: false),
                    DailyWh = table.Column<byte[]>(type: "bytea", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_daily_read_blocks", x => new { x.MeterId, x.MonthStart });
                    table.ForeignKey(
                        name: "FK_daily_read_blocks_meters_MeterId",
                        column: x => x.MeterId,
                        principalTable: "meters",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "interval_read_blocks",
                columns: table => new
                {
                    MeterId = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Day = table.Column<DateOnly>(type: "date", nullable: false),
                    QuarterHourWh = table.Column<byte[]>(type: "bytea", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_interval_read_blocks", x => new { x.MeterId, x.Day });
                    table.ForeignKey(
                        name: "FK_interval_read_blocks_meters_MeterId",
                        column: x => x.MeterId,
                        principalTable: "meters",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "metered_accounts",
                columns: table => new
                {
                    AccountId = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    MeterId = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_metered_accounts", x => x.AccountId);
                    table.ForeignKey(
                        name: "FK_metered_accounts_meters_MeterId",
                        column: x => x.MeterId,
                        principalTable: "meters",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_metered_accounts_MeterId",
                table: "metered_accounts",
                column: "MeterId");

            migrationBuilder.CreateIndex(
                name: "IX_meters_LocationId",
                table: "meters",
                column: "LocationId",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "daily_read_blocks");

            migrationBuilder.DropTable(
                name: "interval_read_blocks");

            migrationBuilder.DropTable(
                name: "metered_accounts");

            migrationBuilder.DropTable(
                name: "meters");
        }
    }
}
