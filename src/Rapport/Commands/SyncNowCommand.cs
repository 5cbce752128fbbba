using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Rapport.Data.Entities;
using Rapport.Sync.Runs;
using Spectre.Console;

namespace Rapport.Commands;

/// <summary>
/// <c>rapport sync now --dataset X</c>: one run in this process against the configured database, with
/// a progress line per record type and a summary table. The run lease keeps it from overlapping a run
/// of a server on the same database. Exit code 0 when it completed (with or without record errors),
/// 3 when it stopped cleanly (API limit; the next run resumes), 1 when it failed or could not start.
/// </summary>
internal static class SyncNowCommand
{
    public static Command Create()
    {
        var datasetOption = SyncCommand.DatasetOption();
        var data = CommonOptions.Data();
        var database = CommonOptions.Database();
        var command = new Command("now", "Synchronize the dataset with Salesforce now (pull, push, activities) and print a summary.") { datasetOption, data, database };
        command.SetAction((result, cancellationToken) => CliErrors.RunAsync(async () =>
        {
            var (_, storage) = CommonOptions.Storage(result, data, database);
            await using var services = await SyncCliServices.CreateAsync(storage, CommonOptions.Overrides(result, data, database), cancellationToken);
            var (dataset, connection) = await SyncCommand.ConnectionAsync(services, result.GetValue(datasetOption)!, cancellationToken);
            var runner = services.GetRequiredService<SyncRunner>();
            var start = await runner.StartAsync(connection.Id, SyncTriggers.Manual, cancellationToken);
            if (!start.Started)
            {
                throw new CliException(start.Message ?? "The synchronization could not start.");
            }
            AnsiConsole.MarkupLineInterpolated($"Synchronizing [bold]{dataset.Name}[/] (run {start.RunId})…");
            var outcome = await RunWithProgressAsync(runner, start, cancellationToken);
            PrintSummary(outcome, dataset.Name);
            return outcome.Status switch
            {
                SyncRunStatus.Succeeded or SyncRunStatus.CompletedWithErrors => 0,
                SyncRunStatus.Stopped => 3,
                _ => 1,
            };
        }));
        return command;
    }

    private static async Task<SyncRunOutcome> RunWithProgressAsync(SyncRunner runner, SyncRunStart start, CancellationToken cancellationToken)
    {
        SyncProgress? latest = null;
        var progress = new SynchronousProgress(p => latest = p);
        var run = runner.ExecuteAsync(start, progress, cancellationToken);
        await AnsiConsole.Progress().AutoClear(false)
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new SpinnerColumn(), new ElapsedTimeColumn())
            .StartAsync(async context =>
            {
                var tasks = new Dictionary<string, ProgressTask>(StringComparer.Ordinal);
                while (true)
                {
                    var done = run.IsCompleted;
                    if (latest is { } current)
                    {
                        foreach (var (key, stats) in current.Run.Stats.OrderBy(s => s.Key, StringComparer.Ordinal))
                        {
                            if (!tasks.TryGetValue(key, out var task))
                            {
                                tasks[key] = task = context.AddTask(key, maxValue: 1);
                                task.IsIndeterminate = true;
                            }
                            task.Description = $"{key,-22} read {stats.Read:N0} · matched {stats.Matched:N0} · updated {stats.Updated:N0} · created {stats.Created:N0} · failed {stats.Failed:N0}";
                        }
                    }
                    if (done)
                    {
                        foreach (var task in tasks.Values)
                        {
                            task.IsIndeterminate = false;
                            task.Value = task.MaxValue;
                        }
                        return;
                    }
                    await Task.WhenAny(run, Task.Delay(200, CancellationToken.None));
                }
            });
        return await run;
    }

    private static void PrintSummary(SyncRunOutcome outcome, string dataset)
    {
        var table = new Table().AddColumns("Record type", "Read", "Matched", "Updated", "Created", "Unchanged", "Failed");
        foreach (var (key, counts) in outcome.Stats)
        {
            table.AddRow(key, $"{counts.Read:N0}", $"{counts.Matched:N0}", $"{counts.Updated:N0}", $"{counts.Created:N0}", $"{counts.Unchanged:N0}", $"{counts.Failed:N0}");
        }
        if (outcome.Stats.Count > 0)
        {
            AnsiConsole.Write(table);
        }
        var calls = string.Join(", ", outcome.ApiCalls.Select(c => $"{c.Key} {c.Value:N0}"));
        AnsiConsole.MarkupLineInterpolated($"API calls: {outcome.TotalApiCalls:N0}{(calls.Length > 0 ? $" ({calls})" : "")}");
        if (outcome.ErrorCount > 0)
        {
            AnsiConsole.MarkupLineInterpolated($"[yellow]{outcome.ErrorCount:N0} record error(s)[/]; list them with `rapport sync errors --dataset {dataset}`.");
        }
        var (color, word) = outcome.Status switch
        {
            SyncRunStatus.Succeeded => ("green", "Succeeded"),
            SyncRunStatus.CompletedWithErrors => ("yellow", "Completed with errors"),
            SyncRunStatus.Stopped => ("yellow", "Stopped"),
            _ => ("red", "Failed"),
        };
        AnsiConsole.MarkupLineInterpolated($"[{color}]{word}[/] (run {outcome.RunId}){(outcome.Message is null ? "" : ": " + outcome.Message)}");
    }
}
