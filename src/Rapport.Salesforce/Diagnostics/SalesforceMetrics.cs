using System.Diagnostics.Metrics;

namespace Rapport.Salesforce.Diagnostics;

/// <summary>
/// The "Rapport.Salesforce" meter (OpenTelemetry picks it up with <c>AddMeter</c>): API usage
/// and limit gauges from <c>Sforce-Limit-Info</c>, and a counter of calls by endpoint kind.
/// </summary>
public sealed class SalesforceMetrics
{
    /// <summary>The meter's name.</summary>
    public const string MeterName = "Rapport.Salesforce";

    private readonly Gauge<long> _usage;
    private readonly Gauge<long> _limit;
    private readonly Counter<long> _calls;

    /// <summary>Creates the instruments on a meter from <paramref name="meterFactory"/>.</summary>
    public SalesforceMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(MeterName);
        _usage = meter.CreateGauge<long>("salesforce.api.usage", "{request}", "Daily API requests used, from Sforce-Limit-Info.");
        _limit = meter.CreateGauge<long>("salesforce.api.limit", "{request}", "Daily API request limit, from Sforce-Limit-Info.");
        _calls = meter.CreateCounter<long>("salesforce.api.calls", "{request}", "HTTP calls made to Salesforce, by endpoint kind.");
    }

    /// <summary>Records one call to <paramref name="kind"/> on <paramref name="instance"/>.</summary>
    public void RecordCall(SalesforceEndpointKind kind, string instance) =>
        _calls.Add(1, new KeyValuePair<string, object?>("salesforce.endpoint", kind.ToString()), new KeyValuePair<string, object?>("salesforce.instance", instance));

    /// <summary>Records the latest usage figures reported by <paramref name="instance"/>.</summary>
    public void RecordUsage(ApiUsage usage, string instance)
    {
        var tag = new KeyValuePair<string, object?>("salesforce.instance", instance);
        _usage.Record(usage.Used, tag);
        _limit.Record(usage.Max, tag);
    }
}
