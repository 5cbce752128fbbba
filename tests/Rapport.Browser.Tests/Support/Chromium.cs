using Microsoft.Playwright;

namespace Rapport.Browser.Tests.Support;

/// <summary>
/// Where the browser tests find Chromium and how they start it: Debian's package
/// (<c>/usr/bin/chromium</c>, installed by <c>./test.sh</c>), never a browser build that
/// Playwright would download, since this machine reaches no download host.
/// </summary>
public static class Chromium
{
    /// <summary>Overrides the executable, e.g. for a Chromium installed elsewhere.</summary>
    public const string PathVariable = "RAPPORT_CHROMIUM";

    /// <summary>The Debian package's executable.</summary>
    public const string DefaultPath = "/usr/bin/chromium";

    /// <summary>The executable the tests launch.</summary>
    public static string ExecutablePath
        => Environment.GetEnvironmentVariable(PathVariable) is { Length: > 0 } path ? path : DefaultPath;

    /// <summary>
    /// Why <paramref name="executablePath"/> cannot be launched, naming the command that fixes it,
    /// or null when it exists.
    /// </summary>
    public static string? MissingReason(string executablePath)
        => File.Exists(executablePath)
            ? null
            : $"Chromium is not installed at {executablePath}. The browser tests drive Debian's Chromium: install it with " +
              $"`apt-get install chromium` (./test.sh does this), or point {PathVariable} at another Chromium executable.";

    /// <summary>Headless launch options for <paramref name="executablePath"/>.</summary>
    public static BrowserTypeLaunchOptions LaunchOptions(string executablePath) => new()
    {
        ExecutablePath = executablePath,
        Headless = true,
        Timeout = 30_000,
        // No sandbox: CI runs as root, where Chromium refuses to start with one. The rest keeps
        // Chromium from phoning home (updates, sync, QUIC probes) on a machine without internet.
        Args =
        [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
        ],
    };
}
