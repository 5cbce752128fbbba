using System.Text.Json;
using Rapport.Salesforce.Http;

namespace Rapport.Salesforce.Rest;

/// <summary>
/// sObject Collections (<c>/composite/sobjects</c>): create, update, upsert and delete up to 200
/// records per call with <c>allOrNone=false</c>, so one bad record does not fail its neighbours
/// and each record gets its own result. Larger inputs are split into chunks of 200; results come
/// back in input order.
/// </summary>
public sealed class SObjectCollections
{
    /// <summary>The most records one call accepts.</summary>
    public const int MaxBatchSize = 200;

    private readonly SalesforceTransport _transport;

    internal SObjectCollections(SalesforceTransport transport) => _transport = transport;

    /// <summary><c>POST /composite/sobjects</c>. Not retried: a lost response would create duplicates.</summary>
    public Task<IReadOnlyList<SaveResult>> CreateAsync(string sobject, IReadOnlyList<IReadOnlyDictionary<string, object?>> records, CancellationToken cancellationToken) =>
        WriteAsync(HttpMethod.Post, "composite/sobjects", sobject, records, idempotent: false, cancellationToken);

    /// <summary><c>PATCH /composite/sobjects</c>; each record carries its <c>Id</c>.</summary>
    public Task<IReadOnlyList<SaveResult>> UpdateAsync(string sobject, IReadOnlyList<IReadOnlyDictionary<string, object?>> records, bool idempotent = false,
        CancellationToken cancellationToken = default) =>
        WriteAsync(HttpMethod.Patch, "composite/sobjects", sobject, records, idempotent, cancellationToken);

    /// <summary>
    /// <c>PATCH /composite/sobjects/{T}/{externalIdField}</c>: upsert by external id; results carry
    /// <c>created</c>. Retried on transient failures, as repeating it cannot duplicate records.
    /// </summary>
    public Task<IReadOnlyList<SaveResult>> UpsertAsync(string sobject, string externalIdField, IReadOnlyList<IReadOnlyDictionary<string, object?>> records,
        CancellationToken cancellationToken)
    {
        var path = $"composite/sobjects/{SalesforceNames.EnsureApiName(sobject, nameof(sobject))}/{SalesforceNames.EnsureApiName(externalIdField, nameof(externalIdField))}";
        return WriteAsync(HttpMethod.Patch, path, sobject, records, idempotent: true, cancellationToken);
    }

    /// <summary><c>DELETE /composite/sobjects?ids=…&amp;allOrNone=false</c>.</summary>
    public async Task<IReadOnlyList<SaveResult>> DeleteAsync(IReadOnlyList<string> ids, CancellationToken cancellationToken)
    {
        var results = new List<SaveResult>(ids.Count);
        foreach (var chunk in ids.Chunk(MaxBatchSize))
        {
            var query = string.Join(',', chunk.Select(id => SalesforceNames.EnsureId(id, nameof(ids))));
            var uri = await _transport.DataUriAsync($"composite/sobjects?ids={query}&allOrNone=false", cancellationToken);
            using var document = await _transport.SendJsonAsync<JsonDocument>(HttpMethod.Delete, uri, null, false, cancellationToken);
            results.AddRange(SaveResultParser.ParseArray(document.RootElement));
        }
        return results;
    }

    private async Task<IReadOnlyList<SaveResult>> WriteAsync(HttpMethod method, string path, string sobject,
        IReadOnlyList<IReadOnlyDictionary<string, object?>> records, bool idempotent, CancellationToken cancellationToken)
    {
        SalesforceNames.EnsureApiName(sobject, nameof(sobject));
        var results = new List<SaveResult>(records.Count);
        var uri = await _transport.DataUriAsync(path, cancellationToken);
        foreach (var chunk in records.Chunk(MaxBatchSize))
        {
            using var document = await _transport.SendJsonAsync<JsonDocument>(method, uri, SalesforceTransport.Json(Body(sobject, chunk)), idempotent, cancellationToken);
            results.AddRange(SaveResultParser.ParseArray(document.RootElement));
        }
        return results;
    }

    private static byte[] Body(string sobject, IReadOnlyDictionary<string, object?>[] records)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteBoolean("allOrNone", false);
            writer.WriteStartArray("records");
            foreach (var record in records)
            {
                RecordJsonWriter.Write(writer, record, sobject);
            }
            writer.WriteEndArray();
            writer.WriteEndObject();
        }
        return buffer.ToArray();
    }
}
