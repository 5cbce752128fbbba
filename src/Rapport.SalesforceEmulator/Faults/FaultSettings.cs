namespace Rapport.SalesforceEmulator.Faults;

/// <summary>
/// Faults to inject into Salesforce paths, set with <c>PUT /__emulator/faults</c>. Each request
/// draws one number from a random sequence seeded by <see cref="Seed"/>, so a run with the same
/// seed and the same requests fails the same ones.
/// </summary>
internal sealed record FaultSettings
{
    /// <summary>Delay added before every affected request, in milliseconds.</summary>
    public int LatencyMs { get; init; }

    /// <summary>Share (0..1) of requests answered 503 SERVER_UNAVAILABLE.</summary>
    public double UnavailableRate { get; init; }

    /// <summary>Share (0..1) of writes (POST/PATCH/PUT/DELETE under /services/data) answered 400 UNABLE_TO_LOCK_ROW.</summary>
    public double LockRowRate { get; init; }

    /// <summary>
    /// Share (0..1) of records in sObject Collections writes that fail with UNABLE_TO_LOCK_ROW in
    /// their own save result while the call itself answers 200, as real orgs report lock contention
    /// with <c>allOrNone=false</c>. Drawn from its own sequence, so it combines with the rates above.
    /// </summary>
    public double RecordLockRate { get; init; }

    /// <summary>Share (0..1) of requests whose connection is dropped without a response.</summary>
    public double DropRate { get; init; }

    /// <summary>Seed of the random sequence; the same seed gives the same failures.</summary>
    public int Seed { get; init; }

    /// <summary>Only paths under this prefix are affected.</summary>
    public string PathPrefix { get; init; } = "/services/";

    public static FaultSettings None { get; } = new();

    /// <summary>A message naming what is wrong, or null when the settings are usable.</summary>
    public string? Validate()
    {
        if (LatencyMs is < 0 or > 120_000)
        {
            return "latencyMs must be between 0 and 120000.";
        }
        foreach (var (name, rate) in new[] { ("unavailableRate", UnavailableRate), ("lockRowRate", LockRowRate), ("dropRate", DropRate), ("recordLockRate", RecordLockRate) })
        {
            if (rate is < 0 or > 1 || double.IsNaN(rate))
            {
                return $"{name} must be between 0 and 1.";
            }
        }
        if (UnavailableRate + LockRowRate + DropRate > 1)
        {
            return "unavailableRate + lockRowRate + dropRate must not exceed 1.";
        }
        if (string.IsNullOrEmpty(PathPrefix) || PathPrefix[0] != '/')
        {
            return "pathPrefix must start with '/'.";
        }
        if (PathPrefix.StartsWith("/__emulator", StringComparison.OrdinalIgnoreCase))
        {
            return "pathPrefix must not cover the /__emulator controls.";
        }
        return null;
    }
}
