using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;

namespace Rapport.Tests.Support;

/// <summary>A running <c>rapport serve</c> child process and a client pointed at it.</summary>
public sealed class ServeProcess(Process process, Uri baseAddress, StringBuilder output) : IDisposable
{
    public Process Process { get; } = process;

    public HttpClient Client { get; } = new() { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(30) };

    public HttpClient Admin { get; } = new()
    {
        BaseAddress = baseAddress,
        Timeout = TimeSpan.FromSeconds(30),
        DefaultRequestHeaders = { Authorization = new AuthenticationHeaderValue("Bearer", RapportCli.AdminKey) },
    };

    public string Output
    {
        get
        {
            lock (output)
            {
                return output.ToString();
            }
        }
    }

    /// <summary>SIGKILL on Linux: no shutdown hooks, no flushing.</summary>
    public void KillHard()
    {
        Process.Kill(entireProcessTree: false);
        Process.WaitForExit();
    }

    public void Dispose()
    {
        if (!Process.HasExited)
        {
            KillHard();
        }
        Client.Dispose();
        Admin.Dispose();
        Process.Dispose();
    }
}
