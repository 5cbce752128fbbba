using Rapport.SalesforceEmulator.Soql;

namespace Rapport.SalesforceEmulator.Rest;

/// <summary>An open query locator: the result still being paged through and how the pages are cut.</summary>
internal sealed class QueryCursor(string locator, string userId, SoqlResult result, int batchSize, bool tooling, long lastUsedTicks)
{
    public string Locator { get; } = locator;

    public string UserId { get; } = userId;

    public SoqlResult Result { get; } = result;

    public int BatchSize { get; } = batchSize;

    public bool Tooling { get; } = tooling;

    public long LastUsedTicks { get; set; } = lastUsedTicks;
}
