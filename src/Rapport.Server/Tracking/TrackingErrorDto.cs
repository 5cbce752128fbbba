namespace Rapport.Server.Tracking;

/// <summary>One refused message in a problem response: its index in the batch and why.</summary>
public sealed record TrackingErrorDto(int? Index, string Message);
