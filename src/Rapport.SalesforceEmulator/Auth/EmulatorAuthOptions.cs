namespace Rapport.SalesforceEmulator.Auth;

/// <summary>What <c>AddEmulatorAuth</c> needs: the org config and the clock to build on.</summary>
public sealed class EmulatorAuthOptions
{
    /// <summary>Connected apps, users and limits; defaults to <see cref="EmulatorConfig.CreateDefault"/>.</summary>
    public EmulatorConfig Config { get; init; } = EmulatorConfig.CreateDefault();

    /// <summary>
    /// The clock under the emulator's adjustable clock; the system clock by default, a
    /// <c>FakeTimeProvider</c> in tests.
    /// </summary>
    public TimeProvider BaseTimeProvider { get; init; } = TimeProvider.System;

    /// <summary>
    /// The API version the identity URL reports for <c>?version=latest</c>: by default the newest
    /// version the REST endpoints serve.
    /// </summary>
    public string LatestApiVersion { get; init; } = Rest.ApiVersions.Current;

    /// <summary>How many requests the journal keeps (the oldest are dropped first).</summary>
    public int JournalCapacity { get; init; } = 10_000;
}
