using System.CommandLine;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Rapport.Data;
using Rapport.Data.Entities;
using Rapport.Data.Storage;

namespace Rapport.Commands;

/// <summary><c>rapport sync now|status|errors --dataset X</c>: the Salesforce synchronization of a dataset from the command line.</summary>
internal static class SyncCommand
{
    public static Command Create()
    {
        var command = new Command("sync", "Synchronize a dataset with Salesforce now, and show its runs and errors.");
        command.Subcommands.Add(SyncNowCommand.Create());
        command.Subcommands.Add(SyncStatusCommand.Create());
        command.Subcommands.Add(SyncErrorsCommand.Create());
        return command;
    }

    public static Option<string> DatasetOption() => new("--dataset") { Description = "Dataset id or name.", Required = true, HelpName = "DATASET" };

    /// <summary>The dataset's connection, or a <see cref="CliException"/> saying what to do.</summary>
    public static async Task<(DatasetEntity Dataset, SalesforceConnectionEntity Connection)> ConnectionAsync(
        IServiceProvider services, string dataset, CancellationToken cancellationToken)
    {
        var found = await services.GetRequiredService<DatasetStore>().FindAsync(dataset, cancellationToken)
            ?? throw new CliException($"There is no dataset \"{dataset}\"; see `rapport datasets list`.");
        await using var db = await services.GetRequiredService<IDbContextFactory<RapportDbContext>>().CreateDbContextAsync(cancellationToken);
        var connection = await db.SalesforceConnections.AsNoTracking().SingleOrDefaultAsync(c => c.DatasetId == found.Id, cancellationToken)
            ?? throw new CliException($"Dataset \"{found.Name}\" has no Salesforce connection; create and establish it through the admin API " +
                $"(PUT /api/datasets/{found.Id}/connections/salesforce, then POST …/authorize). See README, \"Sync\".");
        return (found, connection);
    }

    public static string Time(DateTime? value) => value is { } v ? DateTime.SpecifyKind(v, DateTimeKind.Utc).ToString("yyyy-MM-dd HH:mm:ss 'UTC'", System.Globalization.CultureInfo.InvariantCulture) : "—";
}
