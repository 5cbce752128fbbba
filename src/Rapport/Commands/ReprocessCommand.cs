using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Rapport.Data.Processing;
using Rapport.Data.Storage;
using Spectre.Console;

namespace Rapport.Commands;

/// <summary><c>rapport reprocess --dataset X</c>: rebuild a dataset's profiles from its event log.</summary>
internal static class ReprocessCommand
{
    public static Command Create()
    {
        var datasetOption = new Option<string>("--dataset") { Description = "Dataset id or name.", Required = true, HelpName = "DATASET" };
        var data = CommonOptions.Data();
        var database = CommonOptions.Database();
        var command = new Command("reprocess", "Rebuild a dataset's profiles, accounts and KPIs from its event log.") { datasetOption, data, database };
        command.SetAction((result, cancellationToken) => CliErrors.RunAsync(async () =>
        {
            var (_, storage) = CommonOptions.Storage(result, data, database);
            await using var services = await CliServices.CreateAsync(storage, cancellationToken);
            var datasets = services.GetRequiredService<DatasetStore>();
            var name = result.GetValue(datasetOption)!;
            var dataset = await datasets.FindAsync(name, cancellationToken)
                ?? throw new CliException($"There is no dataset \"{name}\"; see `rapport datasets list`.");
            await datasets.ResetDerivedDataAsync(dataset.Id, cancellationToken);
            var processor = services.GetRequiredService<ProfileProcessor>();
            long total = 0;
            await AnsiConsole.Status().StartAsync($"Rebuilding {dataset.Name}…", async context =>
            {
                while (true)
                {
                    var chunk = await processor.ProcessChunkAsync(dataset.Id, cancellationToken);
                    if (chunk.Count == 0 && !chunk.Conflict)
                    {
                        break;
                    }
                    total += chunk.Count;
                    context.Status($"Rebuilding {dataset.Name}: {total:N0} events");
                }
            });
            AnsiConsole.MarkupLineInterpolated($"[green]Rebuilt[/] {dataset.Name} from {total:N0} events.");
            return 0;
        }));
        return command;
    }
}
