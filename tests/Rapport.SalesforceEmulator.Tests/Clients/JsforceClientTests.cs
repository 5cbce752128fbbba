using System.Diagnostics;
using System.Net;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Microsoft.AspNetCore.WebUtilities;
using Rapport.SalesforceEmulator.Tests.Support;

namespace Rapport.SalesforceEmulator.Tests.Clients;

/// <summary>
/// jsforce (the widely used JavaScript Salesforce client, from npm) used unchanged against the
/// emulator over real HTTP: web-server OAuth, describe, Tooling field creation, sObject Collections,
/// query paging through nextRecordsUrl and token refresh after the session expires. No .NET client
/// library restores from this machine's NuGet mirror (NetCoreForce.Client, DeveloperForce.Force and
/// others are absent), so the independent client is the npm one the issue also allows.
/// </summary>
public sealed class JsforceClientTests
{
    private static readonly SemaphoreSlim InstallGate = new(1, 1);

    [Fact]
    public async Task Jsforce_WorksUnchangedForOAuthDescribeToolingCollectionsPagingAndRefresh()
    {
        var workDir = await InstallAsync();
        await using var server = await EmulatorServer.StartAsync();
        var code = await AuthorizationCodeAsync(server);

        var (exitCode, stdout, stderr) = await RunAsync("node", workDir, "check.mjs", server.BaseUrl, EmulatorServer.ConsumerKey,
            EmulatorServer.ConsumerSecret, EmulatorServer.CallbackUrl, code);

        Assert.True(exitCode == 0, $"jsforce check failed ({exitCode}):\n{stderr}\n{stdout}");
        var result = JsonDocument.Parse(stdout.Trim().Split('\n')[^1]).RootElement;
        Assert.Equal(server.BaseUrl, result.GetProperty("instanceUrl").GetString());
        Assert.Equal("Contact", result.GetProperty("describeName").GetString());
        Assert.True(result.GetProperty("describeHasEmail").GetBoolean());
        Assert.True(result.GetProperty("fieldCreated").GetBoolean());
        Assert.True(result.GetProperty("describeSeesNewField").GetBoolean());
        Assert.Equal(2100, result.GetProperty("created").GetInt32());
        Assert.Equal(2100, result.GetProperty("queryTotalSize").GetInt32());
        Assert.Equal(2100, result.GetProperty("queryFetched").GetInt32());
        Assert.Equal(2100 * 2099 / 2, result.GetProperty("queryScoreSum").GetInt32());
        Assert.Equal(2100, result.GetProperty("countAfterExpiry").GetInt32());
        Assert.Equal(1, result.GetProperty("refreshes").GetInt32());
    }

    /// <summary>The auto-approve connected app answers the authorize request with a redirect carrying the code.</summary>
    private static async Task<string> AuthorizationCodeAsync(EmulatorServer server)
    {
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });
        var url = QueryHelpers.AddQueryString($"{server.BaseUrl}/services/oauth2/authorize", new Dictionary<string, string?>
        {
            ["response_type"] = "code", ["client_id"] = EmulatorServer.ConsumerKey, ["redirect_uri"] = EmulatorServer.CallbackUrl,
            ["login_hint"] = EmulatorServer.AdminUsername,
        });
        using var response = await http.GetAsync(url, Http.Ct);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return QueryHelpers.ParseQuery(response.Headers.Location!.Query)["code"].ToString();
    }

    /// <summary>Installs jsforce (pinned in package.json) once into a scratch folder outside the work tree.</summary>
    private static async Task<string> InstallAsync([CallerFilePath] string thisFile = "")
    {
        var source = Path.Combine(Path.GetDirectoryName(thisFile)!, "jsforce");
        var workDir = Path.Combine(Path.GetTempPath(), "rapport-emulator-jsforce");
        await InstallGate.WaitAsync(Http.Ct);
        try
        {
            Directory.CreateDirectory(workDir);
            foreach (var file in new[] { "package.json", "check.mjs" })
            {
                File.Copy(Path.Combine(source, file), Path.Combine(workDir, file), overwrite: true);
            }
            if (!File.Exists(Path.Combine(workDir, "node_modules", "jsforce", "package.json")))
            {
                var (code, stdout, stderr) = await RunAsync("npm", workDir, "install", "--no-audit", "--no-fund", "--no-package-lock");
                Assert.True(code == 0, $"npm install failed:\n{stderr}\n{stdout}");
            }
            return workDir;
        }
        finally
        {
            InstallGate.Release();
        }
    }

    private static async Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(string file, string workDir, params string[] args)
    {
        var start = new ProcessStartInfo(file) { WorkingDirectory = workDir, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync(Http.Ct);
        var stderr = process.StandardError.ReadToEndAsync(Http.Ct);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Http.Ct);
        timeout.CancelAfter(TimeSpan.FromMinutes(5));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout, await stderr);
    }
}
