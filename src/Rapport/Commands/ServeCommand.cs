using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
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
            ValidateSettings(app.Services);
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

    /// <summary>
    /// Runs the ValidateOnStart checks before the host starts: started with a bad setting, the host
    /// logs its own stack trace first; this way the user sees one line naming the setting.
    /// </summary>
    private static void ValidateSettings(IServiceProvider services)
    {
        try
        {
            services.GetService<IStartupValidator>()?.Validate();
        }
        catch (InvalidOperationException ex)
        {
            // The binder could not read a value (a word where a number was expected); its message names the key.
            throw new CliException("configuration: " + ex.Message);
        }
    }
}
