using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Rapport.Data.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class EventLogOwnFileOnSqlite : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // On SQLite the event log moved to its own file (events.db, see SqliteEventLogSchema),
            // attached to every connection as "log". The old table in the main file would shadow
            // it, so it goes. Written by hand: EF does not drop a table excluded from migrations.
            migrationBuilder.Sql("DROP TABLE IF EXISTS main.events;");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // Nothing to restore: the events stay in events.db.
        }
    }
}
