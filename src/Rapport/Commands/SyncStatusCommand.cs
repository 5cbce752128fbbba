using System.CommandLine;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Rapport.Data;
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
            await using var services = await CliServices.CreateAsync(storage, cancellationToken);
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
            var table = new Table().AddColumns("Run", "Trigger", "Status", "Started", "Ended", "API calls", "Errors", "Message");
            foreach (var run in runs)
            {
                table.AddRow(run.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), run.Trigger, run.Status.ToString(), SyncCommand.Time(run.StartedAt),
                    SyncCommand.Time(run.EndedAt), $"{run.TotalApiCalls:N0}", $"{run.ErrorCount:N0}", Markup.Escape(run.Message ?? ""));
            }
            AnsiConsole.Write(table);
            return 0;
        }));
        return command;
    }
}
