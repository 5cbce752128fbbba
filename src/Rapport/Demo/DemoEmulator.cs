using System.Text.Json;
using Rapport.SalesforceEmulator.Auth;
using Rapport.SalesforceEmulator.Hosting;

namespace Rapport.Demo;

/// <summary>The demo's Salesforce: the emulator with a seeded sample org, saved in the demo directory.</summary>
internal static class DemoEmulator
{
    /// <summary>Contacts in the generated org (accounts, leads and opportunities come with them).</summary>
    public const int SeedContacts = 400;

    public static async Task<WebApplication> StartAsync(DemoState state, string urls, string rapportUrl, CancellationToken cancellationToken)
    {
        var credentials = state.Credentials;
        // The documented config file shape (README, "The Salesforce emulator"); the callback follows
        // Rapport's address, which may change between runs.
        var json = JsonSerializer.Serialize(new
        {
            connectedApps = new[]
            {
                new
                {
                    name = "Rapport demo",
                    consumerKey = credentials.ConsumerKey,
                    consumerSecret = credentials.ConsumerSecret,
                    callbackUrls = new[] { rapportUrl.TrimEnd('/') + "/oauth/salesforce/callback" },
                    autoApprove = true,
                },
            },
            users = new[]
            {
                new
                {
                    username = credentials.Username,
                    password = credentials.Password,
                    securityToken = credentials.SecurityToken,
                    active = true,
                    permissions = new[] { EmulatorPermissions.ApiEnabled, EmulatorPermissions.ModifyAllData },
                },
            },
            organizationName = "Rapport Demo Org",
            autoLoginUsername = credentials.Username,
        });
        var app = EmulatorApp.Build(new EmulatorOptions
        {
            Urls = urls,
            DataFile = state.OrgFile,
            Seed = SeedContacts,
            Config = EmulatorConfig.Parse(json, "demo"),
        });
        await app.StartAsync(cancellationToken);
        return app;
    }
}
