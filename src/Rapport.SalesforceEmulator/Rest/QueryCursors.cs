using Rapport.SalesforceEmulator.Soql;

namespace Rapport.SalesforceEmulator.Rest;

/// <summary>
/// Query locators behind <c>nextRecordsUrl</c>. As documented for the REST query resource, a
/// locator expires after 15 minutes without use, and a user keeps at most 10 open: opening an 11th
/// releases their oldest. Locators are not tied to an API version, so a page can be fetched
/// through any version's <c>/query/{locator}</c>.
/// </summary>
internal sealed class QueryCursors(TimeProvider clock)
{
    public static readonly TimeSpan IdleTimeout = TimeSpan.FromMinutes(15);

    public const int MaxPerUser = 10;

    private readonly Lock _gate = new();
    private readonly Dictionary<string, QueryCursor> _cursors = new(StringComparer.Ordinal);
    private long _sequence;

    public QueryCursor Open(string userId, SoqlResult result, int batchSize, bool tooling)
    {
        lock (_gate)
        {
            Expire();
            var mine = _cursors.Values.Where(c => c.UserId == userId).OrderBy(c => c.LastUsedTicks).ToList();
            for (var i = 0; i <= mine.Count - MaxPerUser; i++)
            {
                _cursors.Remove(mine[i].Locator);
            }
            var locator = SalesforceId.Create("01g", ++_sequence);
            var cursor = new QueryCursor(locator, userId, result, batchSize, tooling, Now());
            _cursors[locator] = cursor;
            return cursor;
        }
    }

    public QueryCursor? Find(string locator)
    {
        lock (_gate)
        {
            Expire();
            if (!_cursors.TryGetValue(locator, out var cursor))
            {
                return null;
            }
            cursor.LastUsedTicks = Now();
            return cursor;
        }
    }

    public void Close(string locator)
    {
        lock (_gate)
        {
            _cursors.Remove(locator);
        }
    }

    public void Clear()
    {
        lock (_gate)
        {
            _cursors.Clear();
        }
    }

    private long Now() => clock.GetUtcNow().UtcTicks;

    private void Expire()
    {
        var cutoff = Now() - IdleTimeout.Ticks;
        foreach (var stale in _cursors.Values.Where(c => c.LastUsedTicks < cutoff).Select(c => c.Locator).ToList())
        {
            _cursors.Remove(stale);
        }
    }
}
