namespace Rapport.Bench;

/// <summary>What one load phase of the ingest benchmark measured.</summary>
/// <param name="AcceptedEvents">Events in 200 responses that started and finished inside the measured window.</param>
/// <param name="Seconds">Length of the measured window.</param>
/// <param name="LatenciesMs">Latency of every measured request, sorted.</param>
/// <param name="Failures">Non-200 responses (and transport errors) by status, over the whole phase.</param>
internal sealed record IngestPhaseResult(long AcceptedEvents, double Seconds, double[] LatenciesMs, IReadOnlyDictionary<string, int> Failures)
{
    public double EventsPerSecond => Seconds > 0 ? AcceptedEvents / Seconds : 0;

    public double Percentile(double p)
    {
        if (LatenciesMs.Length == 0)
        {
            return double.NaN;
        }
        var rank = (int)Math.Ceiling(p / 100 * LatenciesMs.Length) - 1;
        return LatenciesMs[Math.Clamp(rank, 0, LatenciesMs.Length - 1)];
    }

    public string DescribeFailures() => Failures.Count == 0
        ? "none"
        : string.Join(", ", Failures.OrderBy(f => f.Key, StringComparer.Ordinal).Select(f => $"{f.Key}×{f.Value}"));
}
