using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Rapport.Data.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class SyncEngine : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTime>(
                name: "InitialSyncCompletedAt",
                table: "salesforce_connections",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "SyncSettings",
                table: "salesforce_connections",
                type: "text",
                nullable: false,
                defaultValue: "{}");

            migrationBuilder.AddColumn<long>(
                name: "ChangeSequence",
                table: "profiles",
                type: "bigint",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<long>(
                name: "ChangeSequence",
                table: "accounts",
                type: "bigint",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.CreateTable(
                name: "crm_links",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ConnectionId = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    ObjectType = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    RecordId = table.Column<string>(type: "character varying(18)", maxLength: 18, nullable: false),
                    ProfileKind = table.Column<int>(type: "integer", nullable: false),
                    ProfileKey = table.Column<string>(type: "character varying(1100)", maxLength: 1100, nullable: false),
                    RecordCreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    RecordModstamp = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    Deleted = table.Column<bool>(type: "boolean", nullable: false),
                    ConvertedToId = table.Column<string>(type: "character varying(18)", maxLength: 18, nullable: true),
                    LinkedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    LastSyncedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    PulledValues = table.Column<string>(type: "text", nullable: false),
                    PushedValues = table.Column<string>(type: "text", nullable: false),
                    RejectedPushHash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_crm_links", x => x.Id);
                    table.ForeignKey(
                        name: "FK_crm_links_salesforce_connections_ConnectionId",
                        column: x => x.ConnectionId,
                        principalTable: "salesforce_connections",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "sync_cursors",
                columns: table => new
                {
                    ConnectionId = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Position = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_sync_cursors", x => new { x.ConnectionId, x.Name });
                    table.ForeignKey(
                        name: "FK_sync_cursors_salesforce_connections_ConnectionId",
                        column: x => x.ConnectionId,
                        principalTable: "salesforce_connections",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "sync_runs",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ConnectionId = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    DatasetId = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Trigger = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Status = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    StartedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    EndedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    Stats = table.Column<string>(type: "text", nullable: false),
                    ApiCalls = table.Column<string>(type: "text", nullable: false),
                    TotalApiCalls = table.Column<int>(type: "integer", nullable: false),
                    ErrorCount = table.Column<int>(type: "integer", nullable: false),
                    Message = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    HeartbeatAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_sync_runs", x => x.Id);
                    table.ForeignKey(
                        name: "FK_sync_runs_salesforce_connections_ConnectionId",
                        column: x => x.ConnectionId,
                        principalTable: "salesforce_connections",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "sync_errors",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    RunId = table.Column<long>(type: "bigint", nullable: false),
                    ConnectionId = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Stage = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    ObjectType = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    RecordId = table.Column<string>(type: "character varying(18)", maxLength: 18, nullable: true),
                    ProfileKey = table.Column<string>(type: "character varying(1100)", maxLength: 1100, nullable: true),
                    ErrorCode = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Message = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    Fields = table.Column<string>(type: "text", nullable: false),
                    Count = table.Column<int>(type: "integer", nullable: false),
                    Hash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    FirstSeenAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    LastSeenAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_sync_errors", x => x.Id);
                    table.ForeignKey(
                        name: "FK_sync_errors_sync_runs_RunId",
                        column: x => x.RunId,
                        principalTable: "sync_runs",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_profiles_DatasetId_ChangeSequence",
                table: "profiles",
                columns: new[] { "DatasetId", "ChangeSequence" });

            migrationBuilder.CreateIndex(
                name: "IX_profiles_DatasetId_DisplayName",
                table: "profiles",
                columns: new[] { "DatasetId", "DisplayName" });

            migrationBuilder.CreateIndex(
                name: "IX_profiles_DatasetId_Email",
                table: "profiles",
                columns: new[] { "DatasetId", "Email" });

            migrationBuilder.CreateIndex(
                name: "IX_accounts_DatasetId_ChangeSequence",
                table: "accounts",
                columns: new[] { "DatasetId", "ChangeSequence" });

            migrationBuilder.CreateIndex(
                name: "IX_accounts_DatasetId_Name",
                table: "accounts",
                columns: new[] { "DatasetId", "Name" });

            migrationBuilder.CreateIndex(
                name: "IX_crm_links_ConnectionId_ObjectType_RecordId",
                table: "crm_links",
                columns: new[] { "ConnectionId", "ObjectType", "RecordId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_crm_links_ConnectionId_ProfileKind_ProfileKey",
                table: "crm_links",
                columns: new[] { "ConnectionId", "ProfileKind", "ProfileKey" });

            migrationBuilder.CreateIndex(
                name: "IX_sync_errors_ConnectionId_Id",
                table: "sync_errors",
                columns: new[] { "ConnectionId", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_sync_errors_RunId_Hash",
                table: "sync_errors",
                columns: new[] { "RunId", "Hash" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_sync_runs_ConnectionId_Id",
                table: "sync_runs",
                columns: new[] { "ConnectionId", "Id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "crm_links");

            migrationBuilder.DropTable(
                name: "sync_cursors");

            migrationBuilder.DropTable(
                name: "sync_errors");

            migrationBuilder.DropTable(
                name: "sync_runs");

            migrationBuilder.DropIndex(
                name: "IX_profiles_DatasetId_ChangeSequence",
                table: "profiles");

            migrationBuilder.DropIndex(
                name: "IX_profiles_DatasetId_DisplayName",
                table: "profiles");

            migrationBuilder.DropIndex(
                name: "IX_profiles_DatasetId_Email",
                table: "profiles");

            migrationBuilder.DropIndex(
                name: "IX_accounts_DatasetId_ChangeSequence",
                table: "accounts");

            migrationBuilder.DropIndex(
                name: "IX_accounts_DatasetId_Name",
                table: "accounts");

            migrationBuilder.DropColumn(
                name: "InitialSyncCompletedAt",
                table: "salesforce_connections");

            migrationBuilder.DropColumn(
                name: "SyncSettings",
                table: "salesforce_connections");

            migrationBuilder.DropColumn(
                name: "ChangeSequence",
                table: "profiles");

            migrationBuilder.DropColumn(
                name: "ChangeSequence",
                table: "accounts");
        }
    }
}
