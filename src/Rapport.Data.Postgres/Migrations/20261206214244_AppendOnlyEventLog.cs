using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Rapport.Data.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class AppendOnlyEventLog : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_events_anonymous",
                table: "events");

            migrationBuilder.DropIndex(
                name: "ix_events_message",
                table: "events");

            migrationBuilder.DropIndex(
                name: "ix_events_user",
                table: "events");

            migrationBuilder.CreateTable(
                name: "duplicate_events",
                columns: table => new
                {
                    Sequence = table.Column<long>(type: "bigint", nullable: false),
                    DatasetId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_duplicate_events", x => x.Sequence);
                });

            migrationBuilder.CreateTable(
                name: "message_ids",
                columns: table => new
                {
                    DatasetId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    MessageId = table.Column<string>(type: "character varying(1024)", maxLength: 1024, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_message_ids", x => new { x.DatasetId, x.MessageId });
                });

            migrationBuilder.CreateTable(
                name: "profile_events",
                columns: table => new
                {
                    ProfileId = table.Column<long>(type: "bigint", nullable: false),
                    Sequence = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_profile_events", x => new { x.ProfileId, x.Sequence });
                });

            migrationBuilder.CreateIndex(
                name: "IX_duplicate_events_DatasetId",
                table: "duplicate_events",
                column: "DatasetId");

            // Events the processor applied before this migration: their messageIds and their
            // profiles, resolved the way the processor resolves them (user id, an aliased user id,
            // then the anonymous id).
            migrationBuilder.Sql("""
                INSERT INTO "message_ids" ("DatasetId", "MessageId")
                SELECT e.dataset_id, e.message_id FROM events e
                JOIN "processor_checkpoints" c ON c."DatasetId" = e.dataset_id
                WHERE e.sequence <= c."Position"
                ON CONFLICT DO NOTHING;
                """);
            migrationBuilder.Sql("""
                INSERT INTO "profile_events" ("ProfileId", "Sequence")
                SELECT r.profile_id, r.sequence FROM (
                    SELECT e.sequence, COALESCE(
                        (SELECT p."Id" FROM "profiles" p WHERE p."DatasetId" = e.dataset_id AND p."UserId" = e.user_id),
                        (SELECT i."ProfileId" FROM "profile_identities" i WHERE i."DatasetId" = e.dataset_id AND i."AnonymousId" = e.user_id),
                        (SELECT i."ProfileId" FROM "profile_identities" i WHERE i."DatasetId" = e.dataset_id AND i."AnonymousId" = e.anonymous_id)) AS profile_id
                    FROM events e
                    JOIN "processor_checkpoints" c ON c."DatasetId" = e.dataset_id
                    WHERE e.sequence <= c."Position") r
                WHERE r.profile_id IS NOT NULL
                ON CONFLICT DO NOTHING;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "duplicate_events");

            migrationBuilder.DropTable(
                name: "message_ids");

            migrationBuilder.DropTable(
                name: "profile_events");

            migrationBuilder.CreateIndex(
                name: "ix_events_anonymous",
                table: "events",
                columns: new[] { "dataset_id", "anonymous_id" });

            migrationBuilder.CreateIndex(
                name: "ix_events_message",
                table: "events",
                columns: new[] { "dataset_id", "message_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_events_user",
                table: "events",
                columns: new[] { "dataset_id", "user_id" });
        }
    }
}
