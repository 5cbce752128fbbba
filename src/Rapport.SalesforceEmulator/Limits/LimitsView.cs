namespace Rapport.SalesforceEmulator.Limits;

/// <summary>The daily API counter as <c>/__emulator/limits</c> shows it.</summary>
internal sealed record LimitsView(int DailyApiRequests, int Used, int Remaining)
{
    public static LimitsView From(IDailyApiRequestLimit limit) => new(limit.Max, limit.Used, limit.Remaining);
}
