using System.Diagnostics.Metrics;

namespace Rapport.Server.Diagnostics;

/// <summary>Rapport's OpenTelemetry metrics (meter <c>Rapport</c>).</summary>
public sealed class RapportMetrics
{
    public const string MeterName = "Rapport";

    private readonly Counter<long> _accepted;
    private readonly Counter<long> _rejected;
    private readonly Counter<long> _processed;
    private long _lagMs;

    public RapportMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(MeterName);
        _accepted = meter.CreateCounter<long>("rapport.events.accepted", "{event}", "Events committed to the event log.");
        _rejected = meter.CreateCounter<long>("rapport.events.rejected", "{event}", "Events refused by the tracking API.");
        _processed = meter.CreateCounter<long>("rapport.events.processed", "{event}", "Events applied to profiles.");
        meter.CreateObservableGauge("rapport.processing.lag", () => Interlocked.Read(ref _lagMs), "ms",
            "Time between receiving the last processed event and processing it.");
    }

    public long ProcessingLagMs => Interlocked.Read(ref _lagMs);

    public void Accepted(long count, string endpoint) => _accepted.Add(count, new KeyValuePair<string, object?>("endpoint", endpoint));

    public void Rejected(long count, string reason) => _rejected.Add(count, new KeyValuePair<string, object?>("reason", reason));

    public void Processed(long count, long lagMs)
    {
        _processed.Add(count);
        Interlocked.Exchange(ref _lagMs, lagMs);
    }

    public void CaughtUp() => Interlocked.Exchange(ref _lagMs, 0);
}
