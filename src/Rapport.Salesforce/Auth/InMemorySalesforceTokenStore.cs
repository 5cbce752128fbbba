namespace Rapport.Salesforce.Auth;

/// <summary>A token store in memory: for tests, the CLI and one-off runs that log in each time.</summary>
public sealed class InMemorySalesforceTokenStore(SalesforceTokenSet? initial = null) : ISalesforceTokenStore
{
    private volatile SalesforceTokenSet? _tokens = initial;

    /// <summary>How many times tokens were saved; lets tests see a refresh was persisted.</summary>
    public int SaveCount => _saveCount;

    private int _saveCount;

    /// <summary>The tokens held now.</summary>
    public SalesforceTokenSet? Current => _tokens;

    /// <inheritdoc/>
    public ValueTask<SalesforceTokenSet?> LoadAsync(CancellationToken cancellationToken) => ValueTask.FromResult(_tokens);

    /// <inheritdoc/>
    public ValueTask SaveAsync(SalesforceTokenSet tokens, CancellationToken cancellationToken)
    {
        _tokens = tokens;
        Interlocked.Increment(ref _saveCount);
        return ValueTask.CompletedTask;
    }
}
