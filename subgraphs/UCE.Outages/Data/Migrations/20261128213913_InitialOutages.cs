using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace UCE.Outages.Data.Migrations
{
    /// <inheritdoc />
    public partial class InitialOutages : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "grid_connections",
                columns: table => new
                {
                    LocationId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    FeederName = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    AreaName = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_grid_connections", x => x.LocationId);
                });

            migrationBuilder.CreateTable(
                name: "outages",
                columns: table => new
                {
                    Id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Status = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Cause = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    StartedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    EstimatedRestorationAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    RestoredAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    FeederName = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    AreaName = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    AffectedCustomerCount = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_outages", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "outage_locations",
                columns: table => new
                {
                    OutageId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    LocationId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_outage_locations", x => new { x.OutageId, x.LocationId });
                    table.ForeignKey(
                        name: "FK_outage_locations_outages_OutageId",
                        column: x => x.OutageId,
                        principalTable: "outages",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "outage_reports",
                columns: table => new
                {
                    Id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    OutageId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    LocationId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    ReportedBy = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: true),
                    CustomerId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    ReportedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Description = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_outage_reports", x => x.Id);
                    table.ForeignKey(
                        name: "FK_outage_reports_outages_OutageId",
                        column: x => x.OutageId,
                        principalTable: "outages",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "outage_status_changes",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    OutageId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Status = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    At = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ChangedBy = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: true),
                    Note = table.Column<string>(type: "character varying(512)", maxLength: 512, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_outage_status_changes", x => x.Id);
                    table.ForeignKey(
                        name: "FK_outage_status_changes_outages_OutageId",
                        column: x => x.OutageId,
                        principalTable: "outages",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_grid_connections_FeederName",
                table: "grid_connections",
                column: "FeederName");

            migrationBuilder.CreateIndex(
                name: "IX_outage_locations_LocationId",
                table: "outage_locations",
                column: "LocationId");

            migrationBuilder.CreateIndex(
                name: "IX_outage_reports_OutageId",
                table: "outage_reports",
                column: "OutageId");

            migrationBuilder.CreateIndex(
                name: "IX_outage_status_changes_OutageId",
                table: "outage_status_changes",
                column: "OutageId");

            migrationBuilder.CreateIndex(
                name: "IX_outages_Status_FeederName",
                table: "outages",
                columns: new[] { "Status", "FeederName" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "grid_connections");

            migrationBuilder.DropTable(
                name: "outage_locations");

            migrationBuilder.DropTable(
                name: "outage_reports");

            migrationBuilder.DropTable(
                name: "outage_status_changes");

            migrationBuilder.DropTable(
                name: "outages");
        }
    }
}
