using System.Diagnostics;

namespace Rapport.Bench;

/// <summary>Starts <see cref="EmulatorHost"/> as a child process and reads its address and credentials.</summary>
internal sealed class EmulatorProcess : IDisposable
{
    private readonly Process _process;

    private EmulatorProcess(Process process, string[] ready)
    {
        _process = process;
        BaseUrl = ready[1];
        ConsumerKey = ready[2];
        ConsumerSecret = ready[3];
        Username = ready[4];
        Password = ready[5];
        SecurityToken = ready[6];
    }

    public string BaseUrl { get; }
    public string ConsumerKey { get; }
    public string ConsumerSecret { get; }
    public string Username { get; }
    public string Password { get; }
    public string SecurityToken { get; }

    /// <summary>CPU time the emulator process has used so far (user + system, all threads).</summary>
    public TimeSpan CpuTime
    {
        get
        {
            _process.Refresh();
            return _process.TotalProcessorTime;
        }
    }

    public static async Task<EmulatorProcess> StartAsync()
    {
        var start = new ProcessStartInfo(Environment.ProcessPath!)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        // Under `dotnet run` the process path is the app host; under `dotnet Rapport.Bench.dll` it is dotnet.
        if (Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet")
        {
            start.ArgumentList.Add(typeof(EmulatorHost).Assembly.Location);
        }
        start.ArgumentList.Add("emulator-host");
        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start the emulator process.");
        while (await process.StandardOutput.ReadLineAsync() is { } line)
        {
            if (line.StartsWith("READY ", StringComparison.Ordinal))
            {
                return new EmulatorProcess(process, line.Split(' '));
            }
        }
        throw new InvalidOperationException("The emulator process exited before it was ready.");
    }

    public void Dispose()
    {
        try
        {
            _process.StandardInput.Close();
            if (!_process.WaitForExit(5_000))
            {
                _process.Kill(entireProcessTree: true);
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
        _process.Dispose();
    }
}
