using Rapport.Core.Tracking;
using Rapport.Data.EventLog;
using Rapport.Data.Storage;
using Rapport.Server.Diagnostics;

namespace Rapport.Server.Tracking;

/// <summary>What the tracking endpoints need, bundled for <c>[AsParameters]</c>.</summary>
internal sealed record TrackingServices(
    DatasetStore Datasets,
    IEventLog EventLog,
    TrackingMessageReader Reader,
    RapportMetrics Metrics,
    TimeProvider Time);
