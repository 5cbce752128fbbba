using Microsoft.Extensions.DependencyInjection;
using Rapport.Commands;
using Rapport.SalesforceEmulator.Hosting;
using Rapport.Server;
using Rapport.Server.Console.Accounts;
using Spectre.Console;

namespace Rapport.Demo;

/// <summary>
/// Starts Rapport, the emulator and the sample site; on the first run creates the dataset, the
/// console sign-in and the traffic, connects Salesforce through OAuth and runs the initial sync;
/// then waits for Ctrl+C and stops all three (the emulator saves its org for the next run).
/// </summary>
internal static class DemoRunner
{
    public static async Task<int> RunAsync(DemoOptions options, CancellationToken cancellationToken)
    {
        var state = DemoState.Open(options.DataDirectory);
        AnsiConsole.MarkupLineInterpolated($"[bold]Rapport demo[/] · data in {state.Directory}");

        await using var rapport = await StartRapportAsync(state, options.RapportUrls, cancellationToken);
        var rapportUrl = EmulatorApp.BaseUrl(rapport);
        Step($"Rapport is running on {rapportUrl}");

        await using var emulator = await Listen("--emulator-urls", options.EmulatorUrls,
            () => DemoEmulator.StartAsync(state, options.EmulatorUrls, rapportUrl, cancellationToken));
        var emulatorUrl = EmulatorApp.BaseUrl(emulator);
        Step($"Salesforce emulator (sample org) on {emulatorUrl}");

        await EnsureConsoleAccountAsync(rapport, state, cancellationToken);
        using var client = new DemoRapportClient(rapportUrl, RapportServer.AdminKeyOf(rapport));
        var (datasetId, writeKey) = await client.EnsureDatasetAsync(cancellationToken);
        Step($"Dataset \"{DemoRapportClient.DatasetName}\" ({datasetId})");

        await using var site = await Listen("--site-urls", options.SiteUrls,
            () => DemoSite.StartAsync(options.SiteUrls, rapportUrl, writeKey, cancellationToken));
        var siteUrl = EmulatorApp.BaseUrl(site);
        Step($"Sample site with the Rapport snippet on {siteUrl}");

        if (!state.TrafficSent)
        {
            var people = await DemoOrgReader.ReadPeopleAsync(emulatorUrl, state.Credentials, options.Users, cancellationToken);
            var messages = DemoTraffic.Build(people, TimeProvider.System.GetUtcNow());
            await DemoTraffic.SendAsync(rapportUrl, writeKey, messages, _ => { }, cancellationToken);
            state.MarkTrafficSent();
            Step($"Sent {messages.Count:N0} events for {people.Count} people through the tracking API");
        }
        await client.WaitForProcessingAsync(datasetId, cancellationToken);
        Step("Profiles, accounts and KPIs are up to date");

        if (await client.ConnectAsync(datasetId, emulatorUrl, state.Credentials, cancellationToken))
        {
            await client.ConfigureSyncAsync(datasetId, cancellationToken);
            Step("Connected Salesforce through the OAuth web-server flow");
        }
        if (!await client.HasSucceededRunAsync(datasetId, cancellationToken))
        {
            var run = await client.SyncAsync(datasetId, cancellationToken);
            Step($"Initial sync: {run.GetProperty("status").GetString()}");
        }
        await client.UnpauseIfPausedAsync(datasetId, cancellationToken);

        AnsiConsole.WriteLine();
        AnsiConsole.MarkupLineInterpolated($"[green bold]Rapport demo is ready.[/]");
        AnsiConsole.MarkupLineInterpolated($"  Console:      {rapportUrl}/");
        AnsiConsole.MarkupLineInterpolated($"  Sign in:      user [bold]{DemoState.ConsoleUser}[/], password [bold]{state.ConsolePassword}[/]");
        AnsiConsole.MarkupLineInterpolated($"  Sample site:  {siteUrl}/  (browse it and watch the console's Event stream)");
        AnsiConsole.MarkupLineInterpolated($"  Salesforce:   {emulatorUrl}  (the emulator; user {state.Credentials.Username})");
        AnsiConsole.MarkupLineInterpolated($"  Admin API key: {RapportServer.AdminKeyOf(rapport)}");
        AnsiConsole.MarkupLine("  Press Ctrl+C to stop; the next run reuses this data.");

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken,
            rapport.Lifetime.ApplicationStopping, emulator.Lifetime.ApplicationStopping, site.Lifetime.ApplicationStopping);
        try
        {
            await Task.Delay(Timeout.Infinite, stop.Token);
        }
        catch (OperationCanceledException)
        {
        }
        // The site first (no new traffic), then Rapport, then the emulator, which saves the org.
        await site.StopAsync(CancellationToken.None);
        await rapport.StopAsync(CancellationToken.None);
        await emulator.StopAsync(CancellationToken.None);
        AnsiConsole.MarkupLine("Stopped. Run [bold]rapport demo[/] again to continue where you left off.");
        return 0;
    }

    private static async Task<WebApplication> StartRapportAsync(DemoState state, string urls, CancellationToken cancellationToken)
    {
        var builder = RapportServer.CreateBuilder([], b =>
        {
            b.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Rapport:DataDirectory"] = state.Directory });
            b.WebHost.UseUrls(urls);
            // The demo prints its own summary; only problems from the server are worth showing.
            // A rule for the console provider outranks the server's per-category rules.
            b.Logging.AddFilter<Microsoft.Extensions.Logging.Console.ConsoleLoggerProvider>(null, LogLevel.Error);
        });
        var app = await RapportServer.BuildAsync(builder, cancellationToken);
        return await Listen("--urls", urls, async () =>
        {
            await app.StartAsync(cancellationToken);
            return app;
        });
    }

    // The demo account's password is kept in the demo directory so every run can print it.
    private static async Task EnsureConsoleAccountAsync(WebApplication rapport, DemoState state, CancellationToken cancellationToken)
    {
        var accounts = rapport.Services.GetRequiredService<AdminAccounts>();
        try
        {
            await accounts.CreateAsync(DemoState.ConsoleUser, state.ConsolePassword, cancellationToken);
        }
        catch (AdminAccountException)
        {
            if (await accounts.VerifyAsync(DemoState.ConsoleUser, state.ConsolePassword, cancellationToken) is null)
            {
                throw new CliException($"The console account \"{DemoState.ConsoleUser}\" exists with another password; create your own with `rapport admin create NAME --data {state.Directory}`.");
            }
        }
    }

    private static async Task<WebApplication> Listen(string option, string urls, Func<Task<WebApplication>> start)
    {
        try
        {
            return await start();
        }
        catch (IOException ex)
        {
            throw new CliException($"Cannot listen on {urls} ({ex.Message}); is another program using it? Choose another address with {option}.");
        }
    }

    private static void Step(string text) => AnsiConsole.MarkupLineInterpolated($"[green]✓[/] {text}");
}
