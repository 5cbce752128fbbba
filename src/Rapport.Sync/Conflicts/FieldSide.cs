namespace Rapport.Sync.Conflicts;

/// <summary>One side's view of a two-way field: its value and when it last changed there.</summary>
public readonly record struct FieldSide(string? Value, DateTimeOffset ChangedAt);
