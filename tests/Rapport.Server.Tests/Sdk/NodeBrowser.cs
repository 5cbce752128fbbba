using System.Diagnostics;
using System.Text.Json;

namespace Rapport.Server.Tests.Sdk;

/// <summary>
/// Runs a scenario of the snippet's Node harness (sdk/js/test/run.js, copied next to the tests):
/// a hand-written browser shim that pastes the real stub, loads /sdk/rapport.js from the server
/// and posts to its tracking API. Node is required, not optional: test.sh installs it.
/// </summary>
public static class NodeBrowser
{
    public static async Task<JsonElement> RunAsync(string scenario, SdkServer server, string writeKey)
    {
        var node = FindNode();
        var script = Path.Combine(AppContext.BaseDirectory, "sdk", "js", "test", "run.js");
        Assert.True(File.Exists(script), $"{script} is missing; the test project copies sdk/js into its output.");
        var start = new ProcessStartInfo(node)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(script);
        start.ArgumentList.Add(scenario);
        start.ArgumentList.Add(server.Host);
        start.ArgumentList.Add(writeKey);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"node run.js {scenario} did not finish within 60 s. stderr: {await stderr}");
        }
        var output = await stdout;
        Assert.True(process.ExitCode == 0, $"node run.js {scenario} failed ({process.ExitCode}): {await stderr}{output}");
        var line = output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Last();
        return JsonDocument.Parse(line).RootElement.Clone();
    }

    /// <summary>The node executable on PATH; fails the test, saying how to install it, when there is none.</summary>
    public static string FindNode()
    {
        foreach (var directory in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            foreach (var name in new[] { "node", "nodejs" })
            {
                var candidate = Path.Combine(directory, name);
                if (File.Exists(candidate))
                {
                    return candidate;
                }
            }
        }
        Assert.Fail("Node.js is not installed (no `node` on PATH). The browser snippet's tests run it in Node; " +
            "./test.sh installs it (apt-get install nodejs).");
        return "";
    }
}
