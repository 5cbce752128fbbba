namespace Rapport.Core.Tracking;

/// <summary>Why one message was refused. <see cref="Index"/> is its position in a batch.</summary>
public sealed record TrackingError(int? Index, string Message, bool TooLarge = false);
