using System.Security.Cryptography;
using System.Text.Json;

namespace Rapport.Demo;

/// <summary>
/// What <c>rapport demo</c> keeps in its data directory so a second run reuses everything: the
/// emulator's org and credentials, the console sign-in, and a marker that the traffic was sent.
/// Secrets are files readable by the owner only.
/// </summary>
internal sealed class DemoState
{
    private const string Alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";

    private DemoState(string directory) => Directory = directory;

    /// <summary>The demo's data directory (Rapport's SQLite files live here too).</summary>
    public string Directory { get; }

    /// <summary>The emulator's org, saved on exit and loaded on the next run.</summary>
    public string OrgFile => Path.Combine(Directory, "salesforce-org.json");

    /// <summary>The emulator's connected app and integration user.</summary>
    public DemoCredentials Credentials { get; private set; } = default!;

    /// <summary>The console account the demo signs in with.</summary>
    public const string ConsoleUser = "demo";

    /// <summary>Its password, generated on the first run.</summary>
    public string ConsolePassword { get; private set; } = "";

    /// <summary>True once the sample traffic was accepted by the tracking API.</summary>
    public bool TrafficSent => File.Exists(Path.Combine(Directory, "traffic-sent"));

    public static DemoState Open(string directory)
    {
        System.IO.Directory.CreateDirectory(directory);
        var state = new DemoState(Path.GetFullPath(directory));
        state.Credentials = state.LoadOrCreate("salesforce-credentials.json", () => new DemoCredentials(
            "3MVG9" + RandomNumberGenerator.GetString(Alphabet, 60),
            RandomNumberGenerator.GetHexString(64),
            "integration@demo.rapport",
            RandomNumberGenerator.GetString(Alphabet, 16),
            RandomNumberGenerator.GetString(Alphabet, 25)));
        state.ConsolePassword = state.LoadOrCreate("console-password.json", () => new DemoSecret(RandomNumberGenerator.GetString(Alphabet, 16))).Value;
        return state;
    }

    public void MarkTrafficSent() => File.WriteAllText(Path.Combine(Directory, "traffic-sent"), TimeProvider.System.GetUtcNow().ToString("O"));

    private T LoadOrCreate<T>(string name, Func<T> create)
    {
        var path = Path.Combine(Directory, name);
        if (File.Exists(path) && JsonSerializer.Deserialize<T>(File.ReadAllText(path)) is { } existing)
        {
            return existing;
        }
        var created = create();
        File.WriteAllText(path, JsonSerializer.Serialize(created));
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
        return created;
    }

    private sealed record DemoSecret(string Value);
}
