using Rapport.Server.Diagnostics;

namespace Rapport.Server.Tracking;

/// <summary>What the tracking endpoints need, bundled for <c>[AsParameters]</c>.</summary>
internal sealed record TrackingServices(TrackingPipeline Pipeline, TrackingAdmission Admission, RapportMetrics Metrics);
