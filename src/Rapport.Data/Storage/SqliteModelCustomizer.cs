using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Rapport.Data.Entities;

namespace Rapport.Data.Storage;

/// <summary>
/// On SQLite the <c>events</c> table lives in its own file, created by
/// <see cref="EventLog.SqliteEventLogSchema"/>, so SQLite migrations leave it out.
/// </summary>
internal sealed class SqliteModelCustomizer(ModelCustomizerDependencies dependencies) : RelationalModelCustomizer(dependencies)
{
    public override void Customize(ModelBuilder modelBuilder, DbContext context)
    {
        base.Customize(modelBuilder, context);
        modelBuilder.Entity<EventEntity>().ToTable("events", table => table.ExcludeFromMigrations());
    }
}
