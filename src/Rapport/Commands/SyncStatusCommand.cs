using System.CommandLine;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Rapport.Data;
using Rapport.Data.Entities;
using Rapport.Sync.Runs;
using Spectre.Console;

namespace Rapport.Commands;

/// <summary><c>rapport sync status --dataset X</c>: the connection's state and its recent runs.</summary>
internal static class SyncStatusCommand
{
    public static Command Create()
    {
        var datasetOption = SyncCommand.DatasetOption();
        var limit = new Option<int>("--limit") { Description = "How many recent runs to show (default 10).", DefaultValueFactory = _ => 10, HelpName = "N" };
        var data = CommonOptions.Data();
        var database = CommonOptions.Database();
        var command = new Command("status", "Show the Salesforce connection's state and its recent synchronization runs.") { datasetOption, limit, data, database };
        command.SetAction((result, cancellationToken) => CliErrors.RunAsync(async () =>
        {
            var (_, storage) = CommonOptions.Storage(result, data, database);
            await using var services = await SyncCliServices.CreateAsync(storage, CommonOptions.Overrides(result, data, database), cancellationToken);
            var (dataset, connection) = await SyncCommand.ConnectionAsync(services, result.GetValue(datasetOption)!, cancellationToken);
            await using var db = await services.GetRequiredService<IDbContextFactory<RapportDbContext>>().CreateDbContextAsync(cancellationToken);
            var runs = await db.SyncRuns.AsNoTracking().Where(r => r.ConnectionId == connection.Id)
                .OrderByDescending(r => r.Id).Take(Math.Max(1, result.GetValue(limit))).ToListAsync(cancellationToken);

            AnsiConsole.MarkupLineInterpolated($"[bold]{dataset.Name}[/]: Salesforce connection {connection.State}, {(connection.Username is null ? "not connected" : "connected as " + connection.Username)}");
            AnsiConsole.MarkupLineInterpolated($"  initial sync: {(connection.InitialSyncCompletedAt is null ? "not yet completed" : "completed " + SyncCommand.Time(connection.InitialSyncCompletedAt))}");
            if (connection.LastCheckSucceeded == false)
            {
                AnsiConsole.MarkupLineInterpolated($"  [red]last check failed[/]: {connection.LastCheckMessage}");
            }
            if (runs.Count == 0)
            {
                AnsiConsole.MarkupLine("No synchronization has run yet; start one with `rapport sync now`.");
                return 0;
            }
            // The same threshold the next run's lease uses (Rapport:Sync:StaleAfterSeconds), so status says what that run will do.
            var staleBefore = services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime - services.GetRequiredService<SyncRunnerOptions>().StaleAfter;
            var table = new Table().AddColumns("Run", "Trigger", "Status", "Started", "Ended", "API calls", "Errors", "Message");
            foreach (var run in runs)
            {
                var (status, message) = run.Status == SyncRunStatus.Running && (run.HeartbeatAt is null || run.HeartbeatAt < staleBefore)
                    ? ("Stalled", $"No heartbeat since {SyncCommand.Time(run.HeartbeatAt ?? run.StartedAt)}: the process running it stopped; " +
                        "the next run closes it as Interrupted and resumes from the last checkpoint.")
                    : (run.Status.ToString(), run.Message ?? "");
                table.AddRow(run.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), run.Trigger, status, SyncCommand.Time(run.StartedAt),
                    SyncCommand.Time(run.EndedAt), $"{run.TotalApiCalls:N0}", $"{run.ErrorCount:N0}", Markup.Escape(message));
            }
            AnsiConsole.Write(table);
            return 0;
        }));
        return command;
    }
}
