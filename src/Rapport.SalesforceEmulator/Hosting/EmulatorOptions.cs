using Rapport.SalesforceEmulator.Auth;

namespace Rapport.SalesforceEmulator.Hosting;

/// <summary>How <c>rapport emulator</c> (or a test) starts the emulator.</summary>
public sealed class EmulatorOptions
{
    /// <summary>The default listening address.</summary>
    public const string DefaultUrls = "http://127.0.0.1:5080";

    /// <summary>Addresses to listen on (<c>--urls</c>), separated by ';'. Port 0 picks a free port.</summary>
    public string Urls { get; init; } = DefaultUrls;

    /// <summary>
    /// The data file (<c>--data FILE</c>): loaded at start when it exists, written periodically and at
    /// shutdown. Without it the org lives in memory only.
    /// </summary>
    public string? DataFile { get; init; }

    /// <summary>
    /// <c>--seed N</c>: generate a sample org with N contacts (and proportional accounts, leads and
    /// opportunities) when the data file does not already hold one.
    /// </summary>
    public int? Seed { get; init; }

    /// <summary><c>--config FILE</c>: connected apps and users; without it a default app and user are generated.</summary>
    public string? ConfigFile { get; init; }

    /// <summary>An in-memory config for tests; wins over <see cref="ConfigFile"/>.</summary>
    public EmulatorConfig? Config { get; init; }

    /// <summary>The base clock (a fake one in tests); the system clock by default.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>How often the data file is rewritten while records change.</summary>
    public TimeSpan SnapshotInterval { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>Whether to keep ASP.NET Core's request logging quiet (the default) or show it.</summary>
    public bool VerboseLogging { get; init; }
}
