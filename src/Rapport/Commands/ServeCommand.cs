using System.CommandLine;
using Rapport.Server;
using Spectre.Console;

namespace Rapport.Commands;

/// <summary><c>rapport serve</c>: the tracking API, admin API and event processor.</summary>
internal static class ServeCommand
{
    public static Command Create()
    {
        var urls = new Option<string?>("--urls") { Description = "Addresses to listen on (default http://127.0.0.1:5080).", HelpName = "URLS" };
        var data = CommonOptions.Data();
        var database = CommonOptions.Database();
        var command = new Command("serve", "Run the Rapport server: tracking API, admin API and event processor.") { urls, data, database };
        command.SetAction((result, cancellationToken) => CliErrors.RunAsync(async () =>
        {
            var overrides = CommonOptions.Overrides(result, data, database);
            var builder = RapportServer.CreateBuilder([], b =>
            {
                b.Configuration.AddInMemoryCollection(overrides);
                var listen = result.GetValue(urls) ?? b.Configuration["urls"] ?? "http://127.0.0.1:5080";
                b.WebHost.UseUrls(listen.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
            });
            await using var app = await RapportServer.BuildAsync(builder, cancellationToken);
            await app.StartAsync(cancellationToken);
            var storage = RapportServer.StorageOf(app);
            AnsiConsole.MarkupLineInterpolated($"[green]Rapport is running[/] on {string.Join(", ", app.Urls)}");
            AnsiConsole.MarkupLineInterpolated($"  database:  {storage.Describe()}");
            AnsiConsole.MarkupLineInterpolated($"  admin key: {RapportServer.AdminKeyOf(app)}");
            AnsiConsole.MarkupLineInterpolated($"  console:   {app.Urls.First()}/");
            if (RapportServer.FirstAdminOf(app) is { UserName: { } user, Password: { } password })
            {
                // Shown once: only the hash is stored. `rapport admin create` makes more accounts.
                AnsiConsole.MarkupLineInterpolated($"  sign in:   user [bold]{user}[/], password [bold]{password}[/] (shown only now)");
            }
            AnsiConsole.MarkupLine("  Press Ctrl+C to stop.");
            await app.WaitForShutdownAsync(cancellationToken);
            return 0;
        }));
        return command;
    }
}
