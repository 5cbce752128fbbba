using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Rapport.Tests.Support;

namespace Rapport.Tests;

/// <summary>
/// <c>rapport demo</c> as a newcomer runs it: wait for the printed console address, sign in with
/// the printed account, see the synchronized demo dataset; Ctrl+C stops it; a second run reuses the data.
/// </summary>
public sealed partial class DemoTests : IDisposable
{
    private readonly RapportCli _cli = new();

    [Fact]
    public async Task Demo_FirstRunThenCtrlCThenSecondRun_SignsInToSynchronizedDemoAndReusesData()
    {
        var first = await StartDemoAsync();
        Assert.Contains("Sent ", first.Output, StringComparison.Ordinal);
        Assert.Contains("Connected Salesforce through the OAuth web-server flow", first.Output, StringComparison.Ordinal);
        Assert.Contains("Initial sync: Succeeded", first.Output, StringComparison.Ordinal);

        using (var browser = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = true }) { BaseAddress = new Uri(first.ConsoleUrl) })
        {
            var signIn = await browser.GetStringAsync("sign-in", TestContext.Current.CancellationToken);
            var token = TokenPattern().Match(signIn).Groups[1].Value;
            using var signedIn = await browser.PostAsync("sign-in", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["_handler"] = "sign-in",
                ["__RequestVerificationToken"] = token,
                ["Input.UserName"] = first.User,
                ["Input.Password"] = first.Password,
            }), TestContext.Current.CancellationToken);
            var home = await signedIn.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
            Assert.Equal(HttpStatusCode.OK, signedIn.StatusCode);
            Assert.Contains("<h1>Datasets</h1>", home, StringComparison.Ordinal);
            Assert.Contains(">Demo</a>", home, StringComparison.Ordinal);

            // The sample site carries the snippet with the demo dataset's write key and Rapport's address.
            var site = await browser.GetStringAsync(first.SiteUrl + "/feedback", TestContext.Current.CancellationToken);
            Assert.Contains("/sdk/rapport.js", site, StringComparison.Ordinal);
            Assert.Contains(first.ConsoleUrl.TrimEnd('/'), site, StringComparison.Ordinal);
        }
        Assert.Equal(0, await first.InterruptAsync());
        Assert.Contains("Stopped.", first.Output, StringComparison.Ordinal);

        var second = await StartDemoAsync();
        Assert.DoesNotContain("Sent ", second.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("Initial sync", second.Output, StringComparison.Ordinal);
        Assert.Equal(first.Password, second.Password);
        Assert.Equal(0, await second.InterruptAsync());
    }

    [Fact]
    public async Task Demo_BadAddress_SaysWhichOptionAndExitsNonZero()
    {
        var result = await _cli.RunAsync("demo", "--data", _cli.DataDirectory, "--urls", "localhost:5080");
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("--urls must be an http:// address", result.All, StringComparison.Ordinal);
    }

    private async Task<DemoProcess> StartDemoAsync()
    {
        var info = _cli.StartInfo("demo", "--data", _cli.DataDirectory, "--users", "40",
            "--urls", Url(), "--emulator-urls", Url(), "--site-urls", Url());
        var demo = new DemoProcess(Process.Start(info)!);
        await demo.WaitUntilReadyAsync(TimeSpan.FromMinutes(4));
        return demo;
    }

    private static string Url() => $"http://127.0.0.1:{RapportCli.FreePort()}";

    public void Dispose() => _cli.Dispose();

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();

    private sealed partial class DemoProcess
    {
        private readonly Process _process;
        private readonly StringBuilder _output = new();
        private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public DemoProcess(Process process)
        {
            _process = process;
            process.OutputDataReceived += (_, e) => Append(e.Data);
            process.ErrorDataReceived += (_, e) => Append(e.Data);
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
        }

        public string Output { get { lock (_output) { return _output.ToString(); } } }

        public string ConsoleUrl => Field(ConsolePattern());

        public string SiteUrl => Field(SitePattern()).TrimEnd('/');

        public string User => SignInPattern().Match(Output).Groups[1].Value;

        public string Password => SignInPattern().Match(Output).Groups[2].Value;

        public async Task WaitUntilReadyAsync(TimeSpan timeout)
        {
            var exited = _process.WaitForExitAsync(TestContext.Current.CancellationToken);
            var finished = await Task.WhenAny(_ready.Task, exited, Task.Delay(timeout, TestContext.Current.CancellationToken));
            if (finished != _ready.Task)
            {
                if (!_process.HasExited)
                {
                    _process.Kill(entireProcessTree: true);
                }
                Assert.Fail($"rapport demo did not print its console address within {timeout}: {Output}");
            }
        }

        /// <summary>Ctrl+C: SIGINT, then the exit code.</summary>
        public async Task<int> InterruptAsync()
        {
            using (var kill = Process.Start("kill", ["-INT", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
            {
                await kill.WaitForExitAsync(TestContext.Current.CancellationToken);
            }
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            try
            {
                await _process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                _process.Kill(entireProcessTree: true);
                Assert.Fail("rapport demo did not stop within 60 s of Ctrl+C: " + Output);
            }
            return _process.ExitCode;
        }

        private void Append(string? line)
        {
            if (line is null)
            {
                return;
            }
            lock (_output)
            {
                _output.AppendLine(line);
            }
            if (line.Contains("Press Ctrl+C to stop", StringComparison.Ordinal))
            {
                _ready.TrySetResult();
            }
        }

        private string Field(Regex pattern)
        {
            var match = pattern.Match(Output);
            Assert.True(match.Success, $"rapport demo did not print {pattern}: {Output}");
            return match.Groups[1].Value;
        }

        [GeneratedRegex(@"Console:\s+(http://\S+)")]
        private static partial Regex ConsolePattern();

        [GeneratedRegex(@"Sample site:\s+(http://\S+)")]
        private static partial Regex SitePattern();

        [GeneratedRegex(@"Sign in:\s+user (\S+), password (\S+)")]
        private static partial Regex SignInPattern();
    }
}
