using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Rapport.Data.Storage;
using Spectre.Console;

namespace Rapport.Commands;

/// <summary><c>rapport datasets create|list</c>.</summary>
internal static class DatasetsCommand
{
    public static Command Create()
    {
        var command = new Command("datasets", "Create and list datasets and their write keys.");
        command.Subcommands.Add(CreateCommand());
        command.Subcommands.Add(ListCommand());
        return command;
    }

    private static Command CreateCommand()
    {
        var name = new Argument<string>("NAME") { Description = "The dataset's name, e.g. \"Website\"." };
        var timeZone = new Option<string?>("--time-zone") { Description = "IANA time zone for daily KPIs and schedules (default UTC).", HelpName = "ZONE" };
        var data = CommonOptions.Data();
        var database = CommonOptions.Database();
        var command = new Command("create", "Create a dataset and print its id and write key.") { name, timeZone, data, database };
        command.SetAction((result, cancellationToken) => CliErrors.RunAsync(async () =>
        {
            var datasetName = result.GetValue(name)!.Trim();
            if (datasetName.Length is 0 or > 200)
            {
                throw new CliException("NAME must be 1 to 200 characters.");
            }
            var zone = result.GetValue(timeZone);
            if (zone is not null && !TimeZoneInfo.TryFindSystemTimeZoneById(zone, out _))
            {
                throw new CliException($"\"{zone}\" is not a known IANA time zone such as \"Europe/Paris\".");
            }
            var (_, storage) = CommonOptions.Storage(result, data, database);
            await using var services = await CliServices.CreateAsync(storage, cancellationToken);
            try
            {
                var (dataset, writeKey) = await services.GetRequiredService<DatasetStore>().CreateAsync(datasetName, zone, cancellationToken);
                AnsiConsole.MarkupLineInterpolated($"[green]Created dataset[/] {dataset.Name}");
                AnsiConsole.MarkupLineInterpolated($"  id:        {dataset.Id}");
                AnsiConsole.MarkupLineInterpolated($"  write key: {writeKey}");
                return 0;
            }
            catch (DatasetConflictException ex)
            {
                throw new CliException(ex.Message);
            }
        }));
        return command;
    }

    private static Command ListCommand()
    {
        var data = CommonOptions.Data();
        var database = CommonOptions.Database();
        var command = new Command("list", "List datasets with their ids and write keys.") { data, database };
        command.SetAction((result, cancellationToken) => CliErrors.RunAsync(async () =>
        {
            var (_, storage) = CommonOptions.Storage(result, data, database);
            await using var services = await CliServices.CreateAsync(storage, cancellationToken);
            var datasets = await services.GetRequiredService<DatasetStore>().ListAsync(cancellationToken);
            if (datasets.Count == 0)
            {
                AnsiConsole.MarkupLine("No datasets yet. Create one with [bold]rapport datasets create NAME[/].");
                return 0;
            }
            // Ids and keys are copied into configs and scripts: never wrap them (an 80-column or
            // redirected console used to split the write key across two lines).
            var table = new Table().AddColumn("Name").AddColumn(new TableColumn("Id").NoWrap())
                .AddColumn(new TableColumn("Write key").NoWrap()).AddColumn("Time zone");
            foreach (var (dataset, keys) in datasets)
            {
                table.AddRow(Markup.Escape(dataset.Name), dataset.Id, string.Join('\n', keys), dataset.TimeZone);
            }
            AnsiConsole.Write(table);
            return 0;
        }));
        return command;
    }
}
