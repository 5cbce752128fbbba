using System.Text.Json;
using Rapport.Salesforce.Sync;
using Rapport.Salesforce.Tests.Support;
using Rapport.Sync.Connectors;
using Rapport.Sync.Matching;

namespace Rapport.Salesforce.Tests.Sync;

/// <summary>
/// A fresh emulator per test and a <see cref="SalesforceConnector"/> logged in as its integration
/// user over loopback HTTP, with short lock backoff so retry tests stay fast.
/// </summary>
public abstract class ConnectorTestBase : IAsyncLifetime
{
    protected static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    protected EmulatorHost Host { get; private set; } = null!;

    protected SalesforceConnector Connector { get; private set; } = null!;

    protected static CancellationToken Ct => TestContext.Current.CancellationToken;

    protected static SalesforceConnectorOptions FastRetries => new() { LockRetryDelay = TimeSpan.FromMilliseconds(5) };

    public virtual async ValueTask InitializeAsync()
    {
        Host = await EmulatorHost.StartAsync();
        await Host.ControlPutAsync("/__emulator/clock", new { utcNow = Start });
        Connector = new SalesforceConnector(Host.PasswordClient(), TimeProvider.System, FastRetries);
    }

    public virtual async ValueTask DisposeAsync()
    {
        Connector.Dispose();
        await Host.DisposeAsync();
        GC.SuppressFinalize(this);
    }

    protected Task AdvanceClockAsync(TimeSpan by) => Host.ControlAsync("/__emulator/clock/advance", new { seconds = by.TotalSeconds });

    protected Task<string> CreateAsync(string type, IReadOnlyDictionary<string, object?> fields) => Connector.Client.CreateAsync(type, fields, Ct);

    protected Task<string> CreateContactAsync(string lastName, string? email = null) =>
        CreateAsync("Contact", new Dictionary<string, object?> { ["LastName"] = lastName, ["Email"] = email });

    /// <summary>Runs SOQL through a second client, so the connector's call counts are not disturbed.</summary>
    protected async Task<List<JsonElement>> QueryAsync(string soql)
    {
        using var client = Host.PasswordClient();
        var rows = new List<JsonElement>();
        await foreach (var row in client.QueryAsync<JsonElement>(soql, cancellationToken: Ct))
        {
            rows.Add(row);
        }
        return rows;
    }

    protected async Task<List<CrmRecord>> ReadAllAsync(CrmReadRequest request)
    {
        var records = new List<CrmRecord>();
        await foreach (var page in Connector.Reader.ReadAsync(request, Ct))
        {
            records.AddRange(page);
        }
        return records;
    }

    protected static CrmReadRequest Contacts(params string[] fields) => new() { ObjectType = "Contact", Kind = CrmObjectKind.Contact, Fields = fields };

    protected long Calls(string kind) => Connector.ApiCalls().GetValueOrDefault(kind);
}
