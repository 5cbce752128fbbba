using System.Text.RegularExpressions;
using Rapport.Tests.Support;

namespace Rapport.Tests;

/// <summary>The <c>rapport</c> command line, run as a real child process.</summary>
public partial class CliTests : IDisposable
{
    private readonly RapportCli _cli = new();

    [Theory]
    [InlineData(new[] { "--help" }, new[] { "serve", "migrate", "datasets", "reprocess" })]
    [InlineData(new[] { "serve", "--help" }, new[] { "--urls", "--data", "--database" })]
    [InlineData(new[] { "migrate", "--help" }, new[] { "--data", "--database" })]
    [InlineData(new[] { "datasets", "--help" }, new[] { "create", "list" })]
    [InlineData(new[] { "datasets", "create", "--help" }, new[] { "NAME", "--time-zone", "--data", "--database" })]
    [InlineData(new[] { "datasets", "list", "--help" }, new[] { "--data", "--database" })]
    [InlineData(new[] { "reprocess", "--help" }, new[] { "--dataset", "--data", "--database" })]
    public async Task Help_EachVerb_PrintsUsageAndOptions(string[] args, string[] expected)
    {
        var result = await _cli.RunAsync(args);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("Usage:", result.Stdout, StringComparison.Ordinal);
        Assert.All(expected, text => Assert.Contains(text, result.Stdout, StringComparison.Ordinal));
    }

    [Fact]
    public async Task DatasetsCreate_ThenList_PrintsIdAndWriteKey()
    {
        var created = await _cli.RunAsync("datasets", "create", "Website", "--time-zone", "Europe/Paris", "--data", _cli.DataDirectory);

        Assert.True(created.ExitCode == 0, created.All);
        var (id, key) = ParseCreated(created.Stdout);
        var listed = await _cli.RunAsync("datasets", "list", "--data", _cli.DataDirectory);
        Assert.Equal(0, listed.ExitCode);
        Assert.Contains("Website", listed.Stdout, StringComparison.Ordinal);
        Assert.Contains(id, listed.Stdout, StringComparison.Ordinal);
        Assert.Contains(key, listed.Stdout, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(_cli.DataDirectory, "rapport.db")));
    }

    [Fact]
    public async Task Bug_DatasetsListRedirected_DoesNotSplitIdsAndWriteKeysAcrossLines()
    {
        var created = await _cli.RunAsync("datasets", "create", "A dataset with a rather long name for an 80 column table",
            "--time-zone", "America/Los_Angeles", "--data", _cli.DataDirectory);
        var (id, key) = ParseCreated(created.Stdout);

        var listed = await _cli.RunAsync("datasets", "list", "--data", _cli.DataDirectory);

        Assert.Equal(0, listed.ExitCode);
        Assert.Contains(id, listed.Stdout, StringComparison.Ordinal);
        Assert.Contains(key, listed.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DatasetsList_Empty_SaysHowToCreateOne()
    {
        var listed = await _cli.RunAsync("datasets", "list", "--data", _cli.DataDirectory);

        Assert.Equal(0, listed.ExitCode);
        Assert.Contains("rapport datasets create", listed.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DatasetsCreate_DuplicateName_FailsWithMessage()
    {
        await _cli.RunAsync("datasets", "create", "Shop", "--data", _cli.DataDirectory);

        var again = await _cli.RunAsync("datasets", "create", "Shop", "--data", _cli.DataDirectory);

        AssertCleanFailure(again, "already exists");
    }

    [Theory]
    [InlineData(new[] { "datasets", "create", "X", "--time-zone", "Mars/Olympus" }, "Mars/Olympus")]
    [InlineData(new[] { "datasets", "create", "   " }, "NAME")]
    [InlineData(new[] { "datasets", "create" }, "NAME")]
    [InlineData(new[] { "reprocess", "--dataset", "nope" }, "nope")]
    [InlineData(new[] { "reprocess" }, "--dataset")]
    [InlineData(new[] { "launch-rockets" }, "launch-rockets")]
    [InlineData(new[] { "serve", "--bogus-option" }, "--bogus-option")]
    public async Task BadInput_ExitsNonZeroWithMessageAndNoStackTrace(string[] args, string expected)
    {
        var withData = args.Concat(args[0] is "datasets" or "reprocess" ? ["--data", _cli.DataDirectory] : Array.Empty<string>()).ToArray();

        var result = await _cli.RunAsync(withData);

        AssertCleanFailure(result, expected);
    }

    [Theory]
    [InlineData("RAPPORT_PROCESSOR_SHARE_UNDER_LOAD", "0", "Rapport:ProcessorShareUnderLoad must be a percentage from 1 to 100")]
    [InlineData("RAPPORT_PROCESSOR_YIELD_AT_TRACKING_REQUESTS", "0", "Rapport:ProcessorYieldAtTrackingRequests must be at least 1")]
    public async Task Serve_BadProcessorSetting_RefusesToStartNamingTheSetting(string variable, string value, string expected)
    {
        _cli.Environment[variable] = value;

        var result = await _cli.RunAsync("serve", "--urls", $"http://127.0.0.1:{RapportCli.FreePort()}", "--data", _cli.DataDirectory);

        // The console wraps long messages at its width.
        var oneLine = string.Join(' ', result.All.Split((char[])['\n', '\r', ' '], StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal(1, result.ExitCode);
        Assert.Contains(expected, oneLine, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.All, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Migrate_UnreachablePostgres_FailsWithMessage()
    {
        var result = await _cli.RunAsync("migrate", "--database", "Host=127.0.0.1;Port=1;Username=nobody;Database=none;Timeout=3");

        AssertCleanFailure(result, "database");
    }

    [Fact]
    public async Task Migrate_Sqlite_CreatesDatabase()
    {
        var result = await _cli.RunAsync("migrate", "--data", _cli.DataDirectory);

        Assert.True(result.ExitCode == 0, result.All);
        Assert.Contains("up to date", result.Stdout, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(_cli.DataDirectory, "rapport.db")));
    }

    internal static (string Id, string WriteKey) ParseCreated(string output)
    {
        var id = IdPattern().Match(output);
        var key = KeyPattern().Match(output);
        Assert.True(id.Success && key.Success, "Could not find the id and write key in: " + output);
        return (id.Groups[1].Value, key.Groups[1].Value);
    }

    private static void AssertCleanFailure(CliResult result, string expected)
    {
        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains(expected, result.All, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.All, StringComparison.Ordinal);
        Assert.DoesNotContain("Unhandled exception", result.All, StringComparison.Ordinal);
    }

    [GeneratedRegex(@"id:\s+(ds_\w+)")]
    private static partial Regex IdPattern();

    [GeneratedRegex(@"write key:\s+(\S+)")]
    private static partial Regex KeyPattern();

    public void Dispose()
    {
        _cli.Dispose();
        GC.SuppressFinalize(this);
    }
}
