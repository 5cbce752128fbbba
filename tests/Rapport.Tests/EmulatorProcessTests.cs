using System.Diagnostics;
using System.Text;
using Rapport.Tests.Support;

namespace Rapport.Tests;

/// <summary><c>rapport emulator</c> as a user runs it: starts, prints its credentials, stops on a signal.</summary>
public sealed class EmulatorProcessTests : IDisposable
{
    private readonly RapportCli _cli = new();

    [Fact]
    public async Task Bug_emulator_ignored_SIGTERM_and_never_saved_its_data_file()
    {
        var port = RapportCli.FreePort();
        var dataFile = Path.Combine(_cli.WorkingDirectory, "org.json");
        using var process = Process.Start(_cli.StartInfo("emulator", "--urls", $"http://127.0.0.1:{port}", "--seed", "50", "--data", dataFile))!;
        var output = new StringBuilder();
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        process.OutputDataReceived += (_, e) =>
        {
            lock (output)
            {
                output.AppendLine(e.Data);
                if (e.Data?.Contains("security token", StringComparison.Ordinal) == true)
                {
                    started.TrySetResult();
                }
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await started.Task.WaitAsync(TimeSpan.FromSeconds(60), TestContext.Current.CancellationToken);
            Assert.Contains($"listening on http://127.0.0.1:{port}", output.ToString(), StringComparison.Ordinal);

            // What systemd, `timeout` and a terminal's close send.
            using (var kill = Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
            {
                await kill.WaitForExitAsync(TestContext.Current.CancellationToken);
            }
            using var exited = new CancellationTokenSource(TimeSpan.FromSeconds(20));
            await process.WaitForExitAsync(exited.Token);

            Assert.Equal(0, process.ExitCode);
            Assert.True(File.Exists(dataFile), "the org was not saved on shutdown");
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
    }

    public void Dispose() => _cli.Dispose();
}
