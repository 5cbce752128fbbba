namespace Rapport.Salesforce.Rest;

/// <summary>One entry of <c>/limits</c>, e.g. <c>"DailyApiRequests":{"Max":15000,"Remaining":14998}</c>.</summary>
public sealed record SalesforceLimit(long Max, long Remaining)
{
    /// <summary>Used so far.</summary>
    public long Used => Max - Remaining;
}
