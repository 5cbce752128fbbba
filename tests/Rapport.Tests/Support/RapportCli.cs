using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Rapport.Tests.Support;

/// <summary>Runs the built <c>rapport</c> executable as a child process in a temp working directory.</summary>
public sealed class RapportCli : IDisposable
{
    public const string AdminKey = "process-test-admin-key";

    public RapportCli()
    {
        WorkingDirectory = Path.Combine(Path.GetTempPath(), "rapport-cli-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(WorkingDirectory);
    }

    public string WorkingDirectory { get; }

    public string DataDirectory => Path.Combine(WorkingDirectory, "data");

    /// <summary>Extra environment variables (RAPPORT_* settings) every child started from here gets.</summary>
    public Dictionary<string, string> Environment { get; } = new(StringComparer.Ordinal);

    /// <summary>The rapport entry assembly: next to the tests when the build copied it with its runtime config, else in src/Rapport's output.</summary>
    public static string EntryAssembly { get; } = FindEntryAssembly();

    private static string FindEntryAssembly()
    {
        var here = AppContext.BaseDirectory;
        if (File.Exists(Path.Combine(here, "rapport.runtimeconfig.json")))
        {
            return Path.Combine(here, "rapport.dll");
        }
        // Artifacts layout (bin/Rapport.Tests/debug) or classic layout (tests/Rapport.Tests/bin/Debug/net10.0).
        string[] candidates =
        [
            here.Replace($"{Path.DirectorySeparatorChar}Rapport.Tests{Path.DirectorySeparatorChar}", $"{Path.DirectorySeparatorChar}Rapport{Path.DirectorySeparatorChar}", StringComparison.Ordinal),
            here.Replace($"tests{Path.DirectorySeparatorChar}Rapport.Tests", $"src{Path.DirectorySeparatorChar}Rapport", StringComparison.Ordinal),
        ];
        foreach (var directory in candidates)
        {
            if (File.Exists(Path.Combine(directory, "rapport.runtimeconfig.json")))
            {
                return Path.Combine(directory, "rapport.dll");
            }
        }
        throw new InvalidOperationException($"The built rapport.dll was not found near {here}; build src/Rapport first.");
    }

    public ProcessStartInfo StartInfo(params string[] args)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = WorkingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(EntryAssembly);
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }
        // The child sees only the settings the test chooses.
        foreach (var name in info.Environment.Keys.Where(k => k.StartsWith("RAPPORT_", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            info.Environment.Remove(name);
        }
        info.Environment["RAPPORT_ADMIN_KEY"] = AdminKey;
        info.Environment["NO_COLOR"] = "1";
        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        foreach (var (name, value) in Environment)
        {
            info.Environment[name] = value;
        }
        return info;
    }

    /// <summary>Runs a command to completion.</summary>
    public async Task<CliResult> RunAsync(params string[] args)
    {
        using var process = Process.Start(StartInfo(args))!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"rapport {string.Join(' ', args)} did not exit within 60 s");
        }
        return new CliResult(process.ExitCode, await stdout, await stderr);
    }

    /// <summary>Starts <c>rapport serve</c> on a free loopback port and waits until it answers /healthz.</summary>
    public async Task<ServeProcess> StartServeAsync(int? port = null)
    {
        var listenPort = port ?? FreePort();
        var url = $"http://127.0.0.1:{listenPort}";
        var process = Process.Start(StartInfo("serve", "--urls", url, "--data", DataDirectory))!;
        var output = new StringBuilder();
        process.OutputDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        process.ErrorDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var serve = new ServeProcess(process, new Uri(url), output);
        // Generous: a cold start (JIT, migrations) on a busy 2-core machine has taken over a minute.
        var deadline = DateTime.UtcNow.AddSeconds(120);
        while (true)
        {
            if (process.HasExited)
            {
                Assert.Fail($"rapport serve exited with {process.ExitCode}: {serve.Output}");
            }
            try
            {
                using var response = await serve.Client.GetAsync("/healthz");
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return serve;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            if (DateTime.UtcNow > deadline)
            {
                serve.Dispose();
                Assert.Fail("rapport serve did not become healthy within 120 s: " + serve.Output);
            }
            await Task.Delay(50);
        }
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(WorkingDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A child still closing a file; the OS cleans temp eventually.
        }
    }
}

/// <summary>What a finished command printed and returned.</summary>
public sealed record CliResult(int ExitCode, string Stdout, string Stderr)
{
    public string All => Stdout + Stderr;
}
