using Rapport.Sync.Connectors;

namespace Rapport.Salesforce.Sync;

/// <summary>
/// The sync engine's view of one Salesforce connection: SOQL reads, Collections and Bulk API
/// writes, Tooling field creation and activity upserts over one <see cref="SalesforceClient"/>
/// (create one per run: describes are cached for its lifetime). Failures surface as
/// <see cref="CrmException"/> with a remedy.
/// </summary>
public sealed class SalesforceConnector : ICrmConnector
{
    private readonly SalesforceClient _client;

    /// <summary>Wraps <paramref name="client"/>, which the connector disposes.</summary>
    public SalesforceConnector(SalesforceClient client, TimeProvider time, SalesforceConnectorOptions? options = null)
    {
        _client = client;
        options ??= new SalesforceConnectorOptions();
        var retrier = new LockRetrier(time, options);
        var schema = new SalesforceSchema(client);
        Reader = new SalesforceReader(client, options);
        Writer = new SalesforceWriter(client, retrier);
        Schema = schema;
        Activities = new SalesforceActivityWriter(client, schema, retrier);
    }

    /// <summary>The client underneath, for calls the contracts do not cover (connection checks, limits).</summary>
    public SalesforceClient Client => _client;

    /// <inheritdoc />
    public ICrmReader Reader { get; }

    /// <inheritdoc />
    public ICrmWriter Writer { get; }

    /// <inheritdoc />
    public ICrmSchema Schema { get; }

    /// <inheritdoc />
    public ICrmActivityWriter Activities { get; }

    /// <inheritdoc />
    public long? RemainingApiCalls => _client.ApiUsage?.Remaining;

    /// <inheritdoc />
    public IReadOnlyDictionary<string, long> ApiCalls() =>
        _client.Calls.Snapshot().ByEndpoint.ToDictionary(p => p.Key.ToString().ToLowerInvariant(), p => p.Value, StringComparer.Ordinal);

    /// <inheritdoc />
    public void Dispose() => _client.Dispose();
}
