using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Rapport.Data.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "datasets",
                columns: table => new
                {
                    Id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    TimeZone = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    NpsScoreEvent = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    NpsFeedbackEvent = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_datasets", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "events",
                columns: table => new
                {
                    sequence = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    dataset_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    message_id = table.Column<string>(type: "character varying(1024)", maxLength: 1024, nullable: false),
                    type = table.Column<int>(type: "integer", nullable: false),
                    user_id = table.Column<string>(type: "character varying(1024)", maxLength: 1024, nullable: true),
                    anonymous_id = table.Column<string>(type: "character varying(1024)", maxLength: 1024, nullable: true),
                    name = table.Column<string>(type: "text", nullable: true),
                    group_id = table.Column<string>(type: "character varying(1024)", maxLength: 1024, nullable: true),
                    previous_id = table.Column<string>(type: "character varying(1024)", maxLength: 1024, nullable: true),
                    timestamp_ms = table.Column<long>(type: "bigint", nullable: false),
                    received_at_ms = table.Column<long>(type: "bigint", nullable: false),
                    payload = table.Column<byte[]>(type: "bytea", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_events", x => x.sequence);
                });

            migrationBuilder.CreateTable(
                name: "processor_checkpoints",
                columns: table => new
                {
                    DatasetId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Position = table.Column<long>(type: "bigint", nullable: false),
                    LastReceivedAtMs = table.Column<long>(type: "bigint", nullable: false),
                    UpdatedAtMs = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_processor_checkpoints", x => x.DatasetId);
                });

            migrationBuilder.CreateTable(
                name: "profile_identities",
                columns: table => new
                {
                    DatasetId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    AnonymousId = table.Column<string>(type: "character varying(1024)", maxLength: 1024, nullable: false),
                    ProfileId = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_profile_identities", x => new { x.DatasetId, x.AnonymousId });
                });

            migrationBuilder.CreateTable(
                name: "accounts",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    DatasetId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    GroupId = table.Column<string>(type: "character varying(1024)", maxLength: 1024, nullable: false),
                    Name = table.Column<string>(type: "text", nullable: true),
                    SearchText = table.Column<string>(type: "text", nullable: false),
                    LastSeenMs = table.Column<long>(type: "bigint", nullable: false),
                    Attributes = table.Column<string>(type: "text", nullable: false),
                    Kpis = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_accounts", x => x.Id);
                    table.ForeignKey(
                        name: "FK_accounts_datasets_DatasetId",
                        column: x => x.DatasetId,
                        principalTable: "datasets",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "profiles",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    DatasetId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    UserId = table.Column<string>(type: "character varying(1024)", maxLength: 1024, nullable: true),
                    Email = table.Column<string>(type: "text", nullable: true),
                    DisplayName = table.Column<string>(type: "text", nullable: true),
                    SearchText = table.Column<string>(type: "text", nullable: false),
                    FirstSeenMs = table.Column<long>(type: "bigint", nullable: false),
                    LastSeenMs = table.Column<long>(type: "bigint", nullable: false),
                    Attributes = table.Column<string>(type: "text", nullable: false),
                    Kpis = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_profiles", x => x.Id);
                    table.ForeignKey(
                        name: "FK_profiles_datasets_DatasetId",
                        column: x => x.DatasetId,
                        principalTable: "datasets",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "write_keys",
                columns: table => new
                {
                    Key = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    DatasetId = table.Column<string>(type: "character varying(64)", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    RevokedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_write_keys", x => x.Key);
                    table.ForeignKey(
                        name: "FK_write_keys_datasets_DatasetId",
                        column: x => x.DatasetId,
                        principalTable: "datasets",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "account_memberships",
                columns: table => new
                {
                    ProfileId = table.Column<long>(type: "bigint", nullable: false),
                    AccountId = table.Column<long>(type: "bigint", nullable: false),
                    DatasetId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_account_memberships", x => new { x.ProfileId, x.AccountId });
                    table.ForeignKey(
                        name: "FK_account_memberships_accounts_AccountId",
                        column: x => x.AccountId,
                        principalTable: "accounts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_account_memberships_profiles_ProfileId",
                        column: x => x.ProfileId,
                        principalTable: "profiles",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_account_memberships_AccountId",
                table: "account_memberships",
                column: "AccountId");

            migrationBuilder.CreateIndex(
                name: "IX_accounts_DatasetId_GroupId",
                table: "accounts",
                columns: new[] { "DatasetId", "GroupId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_datasets_Name",
                table: "datasets",
                column: "Name",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_events_anonymous",
                table: "events",
                columns: new[] { "dataset_id", "anonymous_id" });

            migrationBuilder.CreateIndex(
                name: "ix_events_dataset_sequence",
                table: "events",
                columns: new[] { "dataset_id", "sequence" });

            migrationBuilder.CreateIndex(
                name: "ix_events_message",
                table: "events",
                columns: new[] { "dataset_id", "message_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_events_user",
                table: "events",
                columns: new[] { "dataset_id", "user_id" });

            migrationBuilder.CreateIndex(
                name: "IX_profile_identities_ProfileId",
                table: "profile_identities",
                column: "ProfileId");

            migrationBuilder.CreateIndex(
                name: "IX_profiles_DatasetId_Id",
                table: "profiles",
                columns: new[] { "DatasetId", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_profiles_DatasetId_UserId",
                table: "profiles",
                columns: new[] { "DatasetId", "UserId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_write_keys_DatasetId",
                table: "write_keys",
                column: "DatasetId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "account_memberships");

            migrationBuilder.DropTable(
                name: "events");

            migrationBuilder.DropTable(
                name: "processor_checkpoints");

            migrationBuilder.DropTable(
                name: "profile_identities");

            migrationBuilder.DropTable(
                name: "write_keys");

            migrationBuilder.DropTable(
                name: "accounts");

            migrationBuilder.DropTable(
                name: "profiles");

            migrationBuilder.DropTable(
                name: "datasets");
        }
    }
}
