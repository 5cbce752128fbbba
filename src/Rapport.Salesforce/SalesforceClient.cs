using System.Collections.Concurrent;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Rapport.Salesforce.Auth;
using Rapport.Salesforce.Bulk;
using Rapport.Salesforce.Diagnostics;
using Rapport.Salesforce.Http;
using Rapport.Salesforce.Rest;
using Rapport.Salesforce.Tooling;

namespace Rapport.Salesforce;

/// <summary>
/// One connection's client for the REST API (<c>/services/data/vXX.X/…</c>), with sObject
/// Collections, Bulk API 2.0 and the Tooling API as <see cref="Collections"/>, <see cref="Bulk"/>
/// and <see cref="Tooling"/>. Describe results are cached for the client's lifetime, so create
/// one per run. Created by <see cref="ISalesforceClientFactory"/>.
/// </summary>
public sealed class SalesforceClient : IDisposable
{
    private readonly SalesforceTransport _transport;
    private readonly ConcurrentDictionary<string, Lazy<Task<SObjectDescribe>>> _describes;
    private Lazy<Task<GlobalDescribe>>? _global;

    internal SalesforceClient(HttpClient http, SalesforceSession session, SalesforceHttpOptions options, TimeProvider time,
        SalesforceDescribeCache? describes = null)
    {
        _describes = describes?.Entries ?? new ConcurrentDictionary<string, Lazy<Task<SObjectDescribe>>>(StringComparer.OrdinalIgnoreCase);
        _transport = new SalesforceTransport(http, session);
        Collections = new SObjectCollections(_transport);
        Bulk = new BulkApi(_transport, options, time);
        Tooling = new ToolingApi(_transport, this);
    }

    /// <summary>The connection this client talks to.</summary>
    public SalesforceConnectionOptions Connection => _transport.Session.Options;

    /// <summary>Calls made so far, by endpoint kind.</summary>
    public ApiCallCounter Calls => _transport.Session.Calls;

    /// <summary>The latest <c>Sforce-Limit-Info</c> figures, null before the first response.</summary>
    public ApiUsage? ApiUsage => _transport.Session.LatestUsage;

    /// <summary>sObject Collections: up to 200 records per call, per-record results.</summary>
    public SObjectCollections Collections { get; }

    /// <summary>Bulk API 2.0 ingest and query jobs.</summary>
    public BulkApi Bulk { get; }

    /// <summary>The Tooling API: custom fields, tooling queries, field permissions.</summary>
    public ToolingApi Tooling { get; }

    /// <summary>The current tokens (loading them, or logging in, if needed).</summary>
    public ValueTask<SalesforceTokenSet> GetTokensAsync(CancellationToken cancellationToken) => _transport.Session.GetTokensAsync(cancellationToken);

    /// <summary><c>GET /limits</c>: every org limit by name (DailyApiRequests, DailyBulkV2QueryJobs, …).</summary>
    public async Task<IReadOnlyDictionary<string, SalesforceLimit>> GetLimitsAsync(CancellationToken cancellationToken) =>
        await _transport.SendJsonAsync<Dictionary<string, SalesforceLimit>>(HttpMethod.Get, await _transport.DataUriAsync("limits", cancellationToken), null, false, cancellationToken);

    /// <summary>The identity URL from the token response: the user and org of the connection.</summary>
    public async Task<SalesforceIdentity> GetIdentityAsync(CancellationToken cancellationToken)
    {
        var tokens = await GetTokensAsync(cancellationToken);
        var url = tokens.IdentityUrl ?? throw new InvalidOperationException("The token response carried no identity URL.");
        return await _transport.SendJsonAsync<SalesforceIdentity>(HttpMethod.Get, url, null, false, cancellationToken);
    }

    /// <summary>Describe Global, cached for this client.</summary>
    public Task<GlobalDescribe> DescribeGlobalAsync(CancellationToken cancellationToken)
    {
        // The shared fetch runs without the first caller's token (the pipeline's timeouts bound it),
        // so one caller cancelling does not fail the others; each caller waits with its own token.
        var lazy = LazyInitializer.EnsureInitialized(ref _global, () => new Lazy<Task<GlobalDescribe>>(async () =>
            await _transport.SendJsonAsync<GlobalDescribe>(HttpMethod.Get, await _transport.DataUriAsync("sobjects", CancellationToken.None), null, false, CancellationToken.None)));
        return Forget(lazy.Value, () => Interlocked.CompareExchange(ref _global, null, lazy)).WaitAsync(cancellationToken);
    }

    /// <summary>
    /// sObject Describe, cached per object for this client: a run describes each object once,
    /// never once per record. A failure is not cached.
    /// </summary>
    public Task<SObjectDescribe> DescribeAsync(string sobject, CancellationToken cancellationToken)
    {
        SalesforceNames.EnsureApiName(sobject, nameof(sobject));
        var lazy = _describes.GetOrAdd(sobject, name => new Lazy<Task<SObjectDescribe>>(async () =>
            await _transport.SendJsonAsync<SObjectDescribe>(HttpMethod.Get, await _transport.DataUriAsync($"sobjects/{name}/describe", CancellationToken.None), null, false, CancellationToken.None)));
        return Forget(lazy.Value, () => _describes.TryRemove(new KeyValuePair<string, Lazy<Task<SObjectDescribe>>>(sobject, lazy))).WaitAsync(cancellationToken);
    }

    /// <summary>Drops cached describes (all, or one object's), e.g. after creating a field.</summary>
    public void InvalidateDescribe(string? sobject = null)
    {
        if (sobject is null)
        {
            _describes.Clear();
        }
        else
        {
            _describes.TryRemove(sobject, out _);
        }
        _global = null;
    }

    /// <summary>
    /// Runs SOQL and streams its records page by page, following <c>nextRecordsUrl</c>; only one
    /// page is held in memory at a time.
    /// </summary>
    public async IAsyncEnumerable<T> QueryAsync<T>(string soql, QueryOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var page in QueryPagesAsync<T>(soql, options, cancellationToken))
        {
            foreach (var record in page.Records)
            {
                yield return record;
            }
        }
    }

    /// <summary>SOQL pages as Salesforce returns them (totalSize lets a caller show progress).</summary>
    public IAsyncEnumerable<QueryPage<T>> QueryPagesAsync<T>(string soql, QueryOptions? options = null, CancellationToken cancellationToken = default) =>
        QueryPager.PagesAsync<T>(_transport, options?.IncludeDeleted == true ? "queryAll" : "query", soql, options?.BatchSize, cancellationToken);

    /// <summary><c>GET /sobjects/{T}/{id}</c>, optionally limited to <paramref name="fields"/>.</summary>
    public async Task<T> GetAsync<T>(string sobject, string id, IEnumerable<string>? fields = null, CancellationToken cancellationToken = default)
    {
        var path = $"sobjects/{SalesforceNames.EnsureApiName(sobject, nameof(sobject))}/{SalesforceNames.EnsureId(id, nameof(id))}";
        if (fields is not null)
        {
            path += "?fields=" + string.Join(',', fields.Select(f => SalesforceNames.EnsureApiName(f, nameof(fields))));
        }
        return await _transport.SendJsonAsync<T>(HttpMethod.Get, await _transport.DataUriAsync(path, cancellationToken), null, false, cancellationToken);
    }

    /// <summary><c>POST /sobjects/{T}</c>. Not retried on transient failures: a lost response would create a duplicate.</summary>
    public async Task<string> CreateAsync(string sobject, IReadOnlyDictionary<string, object?> fields, CancellationToken cancellationToken)
    {
        var uri = await _transport.DataUriAsync($"sobjects/{SalesforceNames.EnsureApiName(sobject, nameof(sobject))}", cancellationToken);
        using var document = await _transport.SendJsonAsync<JsonDocument>(HttpMethod.Post, uri, SalesforceTransport.Json(RecordJsonWriter.Serialize(fields)), false, cancellationToken);
        return SaveResultParser.Parse(document.RootElement).Id ?? throw new SalesforceApiException("Create returned no id");
    }

    /// <summary>
    /// <c>PATCH /sobjects/{T}/{id}</c>. Setting fields to given values is repeatable, but retries
    /// stay off unless <paramref name="idempotent"/> says so (e.g. no trigger counts updates).
    /// </summary>
    public async Task UpdateAsync(string sobject, string id, IReadOnlyDictionary<string, object?> fields, bool idempotent = false, CancellationToken cancellationToken = default)
    {
        var uri = await _transport.DataUriAsync($"sobjects/{SalesforceNames.EnsureApiName(sobject, nameof(sobject))}/{SalesforceNames.EnsureId(id, nameof(id))}", cancellationToken);
        await _transport.SendAsync(HttpMethod.Patch, uri, SalesforceTransport.Json(RecordJsonWriter.Serialize(fields)), idempotent, cancellationToken);
    }

    /// <summary><c>DELETE /sobjects/{T}/{id}</c>.</summary>
    public async Task DeleteAsync(string sobject, string id, CancellationToken cancellationToken)
    {
        var uri = await _transport.DataUriAsync($"sobjects/{SalesforceNames.EnsureApiName(sobject, nameof(sobject))}/{SalesforceNames.EnsureId(id, nameof(id))}", cancellationToken);
        await _transport.SendAsync(HttpMethod.Delete, uri, null, false, cancellationToken);
    }

    /// <summary>
    /// Upsert by external id (<c>PATCH /sobjects/{T}/{field}/{value}</c>): 201 created or 200/204
    /// updated. Retried on transient failures because repeating it cannot create a second record.
    /// </summary>
    public async Task<SaveResult> UpsertAsync(string sobject, string externalIdField, string externalId, IReadOnlyDictionary<string, object?> fields,
        CancellationToken cancellationToken)
    {
        var path = $"sobjects/{SalesforceNames.EnsureApiName(sobject, nameof(sobject))}/{SalesforceNames.EnsureApiName(externalIdField, nameof(externalIdField))}/{Uri.EscapeDataString(externalId)}";
        using var request = new HttpRequestMessage(HttpMethod.Patch, await _transport.DataUriAsync(path, cancellationToken))
        {
            Content = SalesforceTransport.Json(RecordJsonWriter.Serialize(fields)),
        };
        using var response = await _transport.SendAsync(request, idempotent: true, cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        if (body.Length == 0)
        {
            return new SaveResult(null, true, false, []);
        }
        using var document = JsonDocument.Parse(body);
        var result = SaveResultParser.Parse(document.RootElement);
        // Before API 46.0 an update answered 204 and a create 201 without "created".
        return result with { Success = true, Created = result.Created ?? response.StatusCode == System.Net.HttpStatusCode.Created };
    }

    /// <summary><c>GET /sobjects/{T}/updated?start=…&amp;end=…</c> (a window of at most 30 days, within the last 30).</summary>
    public async Task<UpdatedRecords> GetUpdatedAsync(string sobject, DateTimeOffset start, DateTimeOffset end, CancellationToken cancellationToken)
    {
        var response = await ChangesAsync(sobject, "updated", start, end, cancellationToken);
        return new UpdatedRecords(response.Ids ?? [], response.LatestDateCovered);
    }

    /// <summary><c>GET /sobjects/{T}/deleted?start=…&amp;end=…</c> (deleted records stay visible about 15 days).</summary>
    public async Task<DeletedRecords> GetDeletedAsync(string sobject, DateTimeOffset start, DateTimeOffset end, CancellationToken cancellationToken)
    {
        var response = await ChangesAsync(sobject, "deleted", start, end, cancellationToken);
        return new DeletedRecords(response.DeletedRecords ?? [], response.EarliestDateAvailable, response.LatestDateCovered);
    }

    /// <summary>Any other resource under <c>/services/data/vXX.X/</c>, for calls this client does not wrap yet.</summary>
    public async Task<JsonDocument> SendAsync(HttpMethod method, string relativePath, IReadOnlyDictionary<string, object?>? body, bool idempotent,
        CancellationToken cancellationToken)
    {
        var content = body is null ? null : SalesforceTransport.Json(RecordJsonWriter.Serialize(body));
        using var request = new HttpRequestMessage(method, await _transport.DataUriAsync(relativePath, cancellationToken)) { Content = content };
        using var response = await _transport.SendAsync(request, idempotent, cancellationToken);
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        return JsonDocument.Parse(text.Length == 0 ? "null" : text);
    }

    /// <summary>Disposes the connection state (the refresh gate); the pooled HTTP handlers stay.</summary>
    public void Dispose() => _transport.Session.Dispose();

    private async Task<ChangesResponse> ChangesAsync(string sobject, string kind, DateTimeOffset start, DateTimeOffset end, CancellationToken cancellationToken)
    {
        // The resource takes ISO 8601 with a colon offset: 2013-05-05T00:00:00+00:00.
        static string Format(DateTimeOffset value) => Uri.EscapeDataString(value.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'+00:00'", CultureInfo.InvariantCulture));
        var path = $"sobjects/{SalesforceNames.EnsureApiName(sobject, nameof(sobject))}/{kind}/?start={Format(start)}&end={Format(end)}";
        return await _transport.SendJsonAsync<ChangesResponse>(HttpMethod.Get, await _transport.DataUriAsync(path, cancellationToken), null, false, cancellationToken);
    }

    private static async Task<T> Forget<T>(Task<T> task, Action evict)
    {
        try
        {
            return await task;
        }
        catch
        {
            evict();
            throw;
        }
    }
}
