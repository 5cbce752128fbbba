using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Rapport.Data.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class AppendOnlyEventLog : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "duplicate_events",
                columns: table => new
                {
                    Sequence = table.Column<long>(type: "INTEGER", nullable: false),
                    DatasetId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_duplicate_events", x => x.Sequence);
                });

            // WITHOUT ROWID: the key is the table, one B-tree instead of a table plus its key index;
            // the processor inserts a row into each for every event. Written by hand: EF does not
            // scaffold WITHOUT ROWID.
            migrationBuilder.Sql("""
                CREATE TABLE "message_ids" (
                    "DatasetId" TEXT NOT NULL,
                    "MessageId" TEXT NOT NULL,
                    CONSTRAINT "PK_message_ids" PRIMARY KEY ("DatasetId", "MessageId")) WITHOUT ROWID;
                """);
            migrationBuilder.Sql("""
                CREATE TABLE "profile_events" (
                    "ProfileId" INTEGER NOT NULL,
                    "Sequence" INTEGER NOT NULL,
                    CONSTRAINT "PK_profile_events" PRIMARY KEY ("ProfileId", "Sequence")) WITHOUT ROWID;
                """);

            migrationBuilder.CreateIndex(
                name: "IX_duplicate_events_DatasetId",
                table: "duplicate_events",
                column: "DatasetId");

            // Events the processor applied before this migration: their messageIds and their
            // profiles, resolved the way the processor resolves them (user id, an aliased user id,
            // then the anonymous id).
            migrationBuilder.Sql("""
                INSERT OR IGNORE INTO "message_ids" ("DatasetId", "MessageId")
                SELECT e.dataset_id, e.message_id FROM log.events e
                JOIN "processor_checkpoints" c ON c."DatasetId" = e.dataset_id
                WHERE e.sequence <= c."Position";
                """);
            migrationBuilder.Sql("""
                INSERT OR IGNORE INTO "profile_events" ("ProfileId", "Sequence")
                SELECT r.profile_id, r.sequence FROM (
                    SELECT e.sequence, COALESCE(
                        (SELECT p."Id" FROM "profiles" p WHERE p."DatasetId" = e.dataset_id AND p."UserId" = e.user_id),
                        (SELECT i."ProfileId" FROM "profile_identities" i WHERE i."DatasetId" = e.dataset_id AND i."AnonymousId" = e.user_id),
                        (SELECT i."ProfileId" FROM "profile_identities" i WHERE i."DatasetId" = e.dataset_id AND i."AnonymousId" = e.anonymous_id)) AS profile_id
                    FROM log.events e
                    JOIN "processor_checkpoints" c ON c."DatasetId" = e.dataset_id
                    WHERE e.sequence <= c."Position") r
                WHERE r.profile_id IS NOT NULL;
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
        }
    }
}
