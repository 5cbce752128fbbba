using System.CommandLine;
using Rapport.Data.Storage;
using Spectre.Console;

namespace Rapport.Commands;

/// <summary><c>rapport migrate</c>: create or upgrade the database schema.</summary>
internal static class MigrateCommand
{
    public static Command Create()
    {
        var data = CommonOptions.Data();
        var database = CommonOptions.Database();
        var command = new Command("migrate", "Create or upgrade the database schema (run before starting PostgreSQL nodes).") { data, database };
        command.SetAction((result, cancellationToken) => CliErrors.RunAsync(async () =>
        {
            var (_, storage) = CommonOptions.Storage(result, data, database);
            await RapportDataExtensions.MigrateAsync(storage, cancellationToken);
            AnsiConsole.MarkupLineInterpolated($"[green]Database is up to date:[/] {storage.Describe()}");
            return 0;
        }));
        return command;
    }
}
