using System.CommandLine;
using Rapport.SalesforceEmulator.Auth;
using Rapport.SalesforceEmulator.Hosting;

namespace Rapport.Commands;

/// <summary><c>rapport emulator</c>: a local Salesforce-compatible org for development, tests and demos.</summary>
internal static class EmulatorCommand
{
    /// <summary>Rapport itself defaults to 5080, so the emulator takes the next free-standing port.</summary>
    public const string DefaultUrls = "http://127.0.0.1:5090";

    public static Command Create()
    {
        var urls = new Option<string?>("--urls") { Description = $"Addresses to listen on (default {DefaultUrls}).", HelpName = "URLS" };
        var data = new Option<string?>("--data") { Description = "File the org is loaded from and saved to; in memory only when omitted.", HelpName = "FILE" };
        var seed = new Option<int?>("--seed") { Description = "Generate a deterministic sample org with about N contacts (ignored when --data exists).", HelpName = "N" };
        var config = new Option<string?>("--config") { Description = "JSON file with connected apps and users; a default app and user are created when omitted.", HelpName = "FILE" };
        var command = new Command("emulator", "Run a local Salesforce-compatible org (OAuth, REST, SOQL, Bulk 2.0, Tooling).") { urls, data, seed, config };
        command.SetAction((result, cancellationToken) => CliErrors.RunAsync(async () =>
        {
            var seedValue = result.GetValue(seed);
            if (seedValue is < 0)
            {
                throw new CliException("--seed must be zero or a positive number of contacts.");
            }
            var configFile = result.GetValue(config);
            EmulatorConfig? loaded = null;
            if (configFile is not null)
            {
                try
                {
                    loaded = EmulatorConfig.Load(configFile);
                }
                catch (Exception ex) when (ex is EmulatorConfigException or IOException or UnauthorizedAccessException)
                {
                    throw new CliException($"--config {configFile}: {ex.Message}");
                }
            }
            var options = new EmulatorOptions
            {
                Urls = result.GetValue(urls) ?? DefaultUrls,
                DataFile = result.GetValue(data),
                Seed = seedValue,
                ConfigFile = configFile,
                Config = loaded,
            };
            await EmulatorApp.RunAsync(options, Console.Out, cancellationToken);
            return 0;
        }));
        return command;
    }
}
