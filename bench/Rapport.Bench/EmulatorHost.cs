using Rapport.SalesforceEmulator.Auth;
using Rapport.SalesforceEmulator.Hosting;

namespace Rapport.Bench;

/// <summary>
/// <c>emulator-host</c>: the Salesforce emulator in a process of its own, so the sync benchmark's
/// memory figure is Rapport's alone. Prints <c>READY &lt;base url&gt; &lt;consumer key&gt; …</c> and runs
/// until its standard input closes (the parent exits or kills it).
/// </summary>
public static class EmulatorHost
{
    public static async Task<int> RunAsync()
    {
        var defaults = EmulatorConfig.CreateDefault();
        // A benchmark makes far more calls than the default daily allocation allows.
        var config = new EmulatorConfig { ConnectedApps = defaults.ConnectedApps, Users = defaults.Users, DailyApiRequests = int.MaxValue };
        await using var app = EmulatorApp.Build(new EmulatorOptions { Urls = "http://127.0.0.1:0", Config = config });
        await app.StartAsync();
        var connectedApp = config.ConnectedApps[0];
        var user = config.Users[0];
        Console.WriteLine($"READY {EmulatorApp.BaseUrl(app)} {connectedApp.ConsumerKey} {connectedApp.ConsumerSecret} {user.Username} {user.Password} {user.SecurityToken}");
        await Console.Out.FlushAsync();
        await Console.In.ReadToEndAsync();
        await app.StopAsync();
        return 0;
    }
}
