using System.CommandLine;
using Rapport.Demo;

namespace Rapport.Commands;

/// <summary><c>rapport demo</c>: everything a newcomer needs to see Rapport work, in one command.</summary>
internal static class DemoCommand
{
    public static Command Create()
    {
        var data = new Option<string>("--data") { Description = "Directory for the demo's database, sample org and sign-in (reused by the next run).", HelpName = "DIR", DefaultValueFactory = _ => Path.Combine("data", "demo") };
        var urls = new Option<string>("--urls") { Description = "Address of Rapport (console, APIs).", HelpName = "URL", DefaultValueFactory = _ => "http://127.0.0.1:5080" };
        var emulatorUrls = new Option<string>("--emulator-urls") { Description = "Address of the Salesforce emulator.", HelpName = "URL", DefaultValueFactory = _ => "http://127.0.0.1:5090" };
        var siteUrls = new Option<string>("--site-urls") { Description = "Address of the sample site instrumented with the snippet.", HelpName = "URL", DefaultValueFactory = _ => "http://127.0.0.1:5070" };
        var users = new Option<int>("--users") { Description = "How many sample-org contacts visit the site on the first run.", HelpName = "N", DefaultValueFactory = _ => 300 };
        var command = new Command("demo", "Run Rapport with a Salesforce emulator, a sample site and realistic traffic, connected and synchronized.")
        {
            data, urls, emulatorUrls, siteUrls, users,
        };
        command.SetAction((result, cancellationToken) => CliErrors.RunAsync(async () =>
        {
            var count = result.GetValue(users);
            if (count is < 1 or > DemoEmulator.SeedContacts)
            {
                throw new CliException($"--users must be between 1 and {DemoEmulator.SeedContacts}.");
            }
            var options = new DemoOptions(result.GetValue(data)!, Url(result.GetValue(urls)!, "--urls"),
                Url(result.GetValue(emulatorUrls)!, "--emulator-urls"), Url(result.GetValue(siteUrls)!, "--site-urls"), count);
            return await DemoRunner.RunAsync(options, cancellationToken);
        }));
        return command;
    }

    private static string Url(string value, string option)
        => Uri.TryCreate(value, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
            ? value.TrimEnd('/')
            : throw new CliException($"{option} must be an http:// address such as http://127.0.0.1:5080, not \"{value}\".");
}
