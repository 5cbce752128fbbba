using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;
using Rapport.Data.EventLog;
using Rapport.Data.Processing;

namespace Rapport.Data.Storage;

/// <summary>Registers Rapport's storage for the configured provider.</summary>
public static class RapportDataExtensions
{
    public const string SqliteMigrationsAssembly = "Rapport.Data.Sqlite";
    public const string PostgresMigrationsAssembly = "Rapport.Data.Postgres";

    public static IServiceCollection AddRapportData(this IServiceCollection services, StorageOptions storage)
    {
        services.AddSingleton(storage);
        services.AddDbContextFactory<RapportDbContext>(options => Configure(options, storage));
        services.AddSingleton<EventLogSignal>();
        services.AddSingleton<ProfileProcessor>();
        services.AddSingleton<DatasetStore>();
        services.AddSingleton<ProfileQueries>();
        services.AddSingleton<EventLogQueries>();
        services.AddSingleton<DatasetOverviewQueries>();
        if (storage.Provider == DatabaseProvider.Postgres)
        {
            services.AddSingleton(_ => NpgsqlDataSource.Create(storage.ConnectionString));
        }
        if (storage.Provider == DatabaseProvider.Sqlite)
        {
            services.AddSingleton(sp => new SqliteEventSplitter(SqliteEventLogSchema.ConnectionString(storage.EventLogPath),
                sp.GetRequiredService<EventLogSignal>(), sp.GetService<TimeProvider>() ?? TimeProvider.System,
                sp.GetRequiredService<ILogger<SqliteEventSplitter>>()));
            services.AddSingleton<IEventStaging>(sp => sp.GetRequiredService<SqliteEventSplitter>());
        }
        else
        {
            services.AddSingleton<IEventStaging, NoEventStaging>();
        }
        services.AddSingleton<IEventLog>(sp =>
        {
            Func<CancellationToken, Task<IEventBatchWriter>> open = storage.Provider == DatabaseProvider.Sqlite
                ? async ct => await SqliteEventBatchWriter.OpenAsync(SqliteEventLogSchema.ConnectionString(storage.EventLogPath),
                    sp.GetRequiredService<SqliteEventSplitter>(), ct)
                : ct => Task.FromResult<IEventBatchWriter>(new PostgresEventBatchWriter(sp.GetRequiredService<NpgsqlDataSource>()));
            return new GroupCommitEventLog(open, staged: storage.Provider == DatabaseProvider.Sqlite, sp.GetRequiredService<EventLogSignal>(),
                sp.GetRequiredService<ILogger<GroupCommitEventLog>>());
        });
        return services;
    }

    public static void Configure(DbContextOptionsBuilder options, StorageOptions storage)
    {
        if (storage.Provider == DatabaseProvider.Sqlite)
        {
            options.UseSqlite(storage.ConnectionString, o => o.MigrationsAssembly(SqliteMigrationsAssembly))
                .ReplaceService<Microsoft.EntityFrameworkCore.Infrastructure.IModelCustomizer, SqliteModelCustomizer>()
                .AddInterceptors(new SqliteEventLogAttacher(storage.EventLogPath), new SqliteMainWriteLockInterceptor());
        }
        else
        {
            options.UseNpgsql(storage.ConnectionString, o => o.MigrationsAssembly(PostgresMigrationsAssembly));
        }
    }

    /// <summary>Creates the data directory, switches SQLite to WAL and applies pending migrations.</summary>
    public static async Task MigrateAsync(StorageOptions storage, CancellationToken cancellationToken)
    {
        var builder = new DbContextOptionsBuilder<RapportDbContext>();
        Configure(builder, storage);
        if (storage.Provider == DatabaseProvider.Sqlite)
        {
            Directory.CreateDirectory(storage.DataDirectory);
            await SqliteEventLogSchema.EnsureCreatedAsync(storage.EventLogPath, cancellationToken);
        }
        await using var db = new RapportDbContext(builder.Options);
        await db.Database.MigrateAsync(cancellationToken);
        if (storage.Provider == DatabaseProvider.Sqlite)
        {
            // WAL lets readers (the processor, the read API) run while the log is appended to.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        }
    }
}
