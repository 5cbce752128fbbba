using Rapport.Sync.Connectors;

namespace Rapport.Sync.Tests.Support;

/// <summary>
/// An in-memory CRM for engine tests: each part is a fake of its own (set the ones a test needs);
/// API calls are counted by the parts through <see cref="Count"/>.
/// </summary>
public sealed class FakeCrmConnector : ICrmConnector
{
    private readonly Dictionary<string, long> _calls = new(StringComparer.Ordinal);

    public ICrmReader Reader { get; set; } = null!;
    public ICrmWriter Writer { get; set; } = null!;
    public ICrmSchema Schema { get; set; } = null!;
    public ICrmActivityWriter Activities { get; set; } = null!;
    public long? RemainingApiCalls { get; set; } = 100_000;

    public void Count(string endpoint)
    {
        lock (_calls)
        {
            _calls[endpoint] = _calls.GetValueOrDefault(endpoint) + 1;
        }
    }

    public long TotalCalls
    {
        get
        {
            lock (_calls)
            {
                return _calls.Values.Sum();
            }
        }
    }

    public IReadOnlyDictionary<string, long> ApiCalls()
    {
        lock (_calls)
        {
            return new Dictionary<string, long>(_calls);
        }
    }

    public void Dispose()
    {
    }
}
