using Rapport.Tests.Support;

namespace Rapport.Tests;

/// <summary><c>rapport sync</c> as a real child process: the failures a user meets first say what to do, without a stack trace.</summary>
public sealed class SyncCliTests : IDisposable
{
    private readonly RapportCli _cli = new();

    [Fact]
    public async Task SyncStatus_UnknownDataset_SaysSoAndExitsNonZero()
    {
        var result = await _cli.RunAsync("sync", "status", "--dataset", "nope", "--data", _cli.DataDirectory);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("There is no dataset \"nope\"", result.All, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.All, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SyncNow_DatasetWithoutConnection_SaysHowToConnectAndExitsNonZero()
    {
        var created = await _cli.RunAsync("datasets", "create", "Website", "--data", _cli.DataDirectory);
        Assert.True(created.ExitCode == 0, created.All);

        var result = await _cli.RunAsync("sync", "now", "--dataset", "Website", "--data", _cli.DataDirectory);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("has no Salesforce connection", result.All, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.All, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("now")]
    [InlineData("status")]
    [InlineData("errors")]
    public async Task SyncHelp_EachVerb_ListsDatasetAndStorageOptions(string verb)
    {
        var result = await _cli.RunAsync("sync", verb, "--help");

        Assert.Equal(0, result.ExitCode);
        Assert.All(new[] { "--dataset", "--data", "--database" }, option => Assert.Contains(option, result.Stdout, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("RAPPORT_SYNC__HEARTBEAT_SECONDS", "0", "Rapport:Sync:HeartbeatSeconds must be a number of seconds greater than 0")]
    [InlineData("RAPPORT_SYNC__STALE_AFTER_SECONDS", "8", "Rapport:Sync:StaleAfterSeconds must be more than twice Rapport:Sync:HeartbeatSeconds")]
    [InlineData("RAPPORT_SYNC__STALE_AFTER_SECONDS", "soon", "Rapport:Sync:StaleAfterSeconds")]
    public async Task SyncNow_BadLeaseSetting_NamesTheSettingAndExitsNonZero(string variable, string value, string expected)
    {
        _cli.Environment[variable] = value;

        var result = await _cli.RunAsync("sync", "now", "--dataset", "Website", "--data", _cli.DataDirectory);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains(expected, OneLine(result.All), StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.All, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Serve_BadLeaseSetting_RefusesToStartNamingTheSetting()
    {
        _cli.Environment["RAPPORT_SYNC__STALE_AFTER_SECONDS"] = "5";
        _cli.Environment["RAPPORT_SYNC__HEARTBEAT_SECONDS"] = "5";

        var result = await _cli.RunAsync("serve", "--urls", $"http://127.0.0.1:{RapportCli.FreePort()}", "--data", _cli.DataDirectory);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("Rapport:Sync:StaleAfterSeconds must be more than twice", OneLine(result.All), StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.All, StringComparison.Ordinal);
    }

    /// <summary>The console wraps long messages at its width.</summary>
    private static string OneLine(string output) => string.Join(' ', output.Split((char[])['\n', '\r', ' '], StringSplitOptions.RemoveEmptyEntries));

    public void Dispose() => _cli.Dispose();
}
