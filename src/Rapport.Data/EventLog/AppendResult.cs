namespace Rapport.Data.EventLog;

/// <summary>What an append stored: new events, and repeats of a known messageId that were skipped.</summary>
public readonly record struct AppendResult(int Stored, int Duplicates);
