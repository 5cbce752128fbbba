using System.CommandLine;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Rapport.Data;
using Rapport.Data.Entities;
using Spectre.Console;

namespace Rapport.Commands;

/// <summary><c>rapport sync errors --dataset X [--run N]</c>: the record errors of the last finished run (or of run N).</summary>
internal static class SyncErrorsCommand
{
    public static Command Create()
    {
        var datasetOption = SyncCommand.DatasetOption();
        var runOption = new Option<long?>("--run") { Description = "The run to show (default: the last finished run).", HelpName = "RUN" };
        var data = CommonOptions.Data();
        var database = CommonOptions.Database();
        var command = new Command("errors", "List the records Salesforce rejected in the last synchronization run.") { datasetOption, runOption, data, database };
        command.SetAction((result, cancellationToken) => CliErrors.RunAsync(async () =>
        {
            var (_, storage) = CommonOptions.Storage(result, data, database);
            await using var services = await SyncCliServices.CreateAsync(storage, CommonOptions.Overrides(result, data, database), cancellationToken);
            var (dataset, connection) = await SyncCommand.ConnectionAsync(services, result.GetValue(datasetOption)!, cancellationToken);
            await using var db = await services.GetRequiredService<IDbContextFactory<RapportDbContext>>().CreateDbContextAsync(cancellationToken);
            var runs = db.SyncRuns.AsNoTracking().Where(r => r.ConnectionId == connection.Id);
            var run = result.GetValue(runOption) is { } id
                ? await runs.SingleOrDefaultAsync(r => r.Id == id, cancellationToken) ?? throw new CliException($"Dataset \"{dataset.Name}\" has no run {id}; see `rapport sync status`.")
                : await runs.Where(r => r.Status != SyncRunStatus.Running).OrderByDescending(r => r.Id).FirstOrDefaultAsync(cancellationToken)
                    ?? throw new CliException($"Dataset \"{dataset.Name}\" has no finished synchronization run yet; start one with `rapport sync now`.");
            var errors = await db.SyncErrors.AsNoTracking().Where(e => e.RunId == run.Id).OrderByDescending(e => e.Count).ThenBy(e => e.Id).ToListAsync(cancellationToken);
            AnsiConsole.MarkupLineInterpolated($"Run {run.Id} ({run.Trigger}, {run.Status}, {SyncCommand.Time(run.StartedAt)}): {errors.Count:N0} error(s)");
            if (run.Message is not null)
            {
                AnsiConsole.MarkupLineInterpolated($"  {run.Message}");
            }
            if (errors.Count == 0)
            {
                return 0;
            }
            var table = new Table().AddColumns("Error code", "Message", "Fields", "Object", "Record id", "Profile", "Count");
            foreach (var error in errors)
            {
                var fields = System.Text.Json.JsonSerializer.Deserialize<string[]>(error.Fields) ?? [];
                table.AddRow(Markup.Escape(error.ErrorCode), Markup.Escape(error.Message), Markup.Escape(string.Join(", ", fields)), Markup.Escape(error.ObjectType ?? ""),
                    Markup.Escape(error.RecordId ?? ""), Markup.Escape(error.ProfileKey ?? ""), $"{error.Count:N0}");
            }
            AnsiConsole.Write(table);
            return 0;
        }));
        return command;
    }
}
