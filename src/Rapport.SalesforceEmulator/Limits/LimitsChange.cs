namespace Rapport.SalesforceEmulator.Limits;

/// <summary>Body of <c>PUT /__emulator/limits</c>: a new daily allocation and/or today's count.</summary>
internal sealed record LimitsChange(int? DailyApiRequests, int? Used);
