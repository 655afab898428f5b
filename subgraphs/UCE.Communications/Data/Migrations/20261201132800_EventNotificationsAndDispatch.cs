using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace UCE.Communications.Data.Migrations
{
    /// <inheritdoc />
    public partial class EventNotificationsAndDispatch : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "OutageAlertsInQuietHours",
                table: "recipients",
                type: "boolean",
                nullable: false,
                // Recipients written before the choice existed get its default: outage alerts go out in quiet hours.
                defaultValue: true);

            migrationBuilder.AddColumn<int>(
                name: "Attempts",
                table: "notifications",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "ClaimToken",
                table: "notifications",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "ClaimedUntil",
                table: "notifications",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "LastAttemptAt",
                table: "notifications",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "NextAttemptAt",
                table: "notifications",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "SourceEventId",
                table: "notifications",
                type: "character varying(160)",
                maxLength: 160,
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "Urgent",
                table: "notifications",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.CreateIndex(
                name: "IX_notifications_SourceEventId_CustomerId_Channel",
                table: "notifications",
                columns: new[] { "SourceEventId", "CustomerId", "Channel" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_notifications_SourceEventId_CustomerId_Channel",
                table: "notifications");

            migrationBuilder.DropColumn(
                name: "OutageAlertsInQuietHours",
                table: "recipients");

            migrationBuilder.DropColumn(
                name: "Attempts",
                table: "notifications");

            migrationBuilder.DropColumn(
                name: "ClaimToken",
                table: "notifications");

            migrationBuilder.DropColumn(
                name: "ClaimedUntil",
                table: "notifications");

            migrationBuilder.DropColumn(
                name: "LastAttemptAt",
                table: "notifications");

            migrationBuilder.DropColumn(
                name: "NextAttemptAt",
                table: "notifications");

            migrationBuilder.DropColumn(
                name: "SourceEventId",
                table: "notifications");

            migrationBuilder.DropColumn(
                name: "Urgent",
                table: "notifications");
        }
    }
}
