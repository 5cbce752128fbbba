using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using Rapport.Salesforce.Querying;
using Rapport.Salesforce.Rest;
using Rapport.Sync.Connectors;
using Rapport.Sync.Matching;

namespace Rapport.Salesforce.Sync;

/// <summary>
/// Reads changed records with one SOQL query per object, ordered by <c>SystemModstamp</c> then
/// <c>Id</c> so a checkpoint taken after any page is a safe restart point, and streamed a page
/// (up to 2,000 records) at a time.
/// </summary>
public sealed class SalesforceReader : ICrmReader
{
    private readonly SalesforceClient _client;
    private readonly SalesforceConnectorOptions _options;

    /// <summary>Creates the reader over a client.</summary>
    public SalesforceReader(SalesforceClient client, SalesforceConnectorOptions options)
    {
        _client = client;
        _options = options;
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<IReadOnlyList<CrmRecord>> ReadAsync(CrmReadRequest request, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var describe = await SalesforceCrmFailures.GuardAsync(() => _client.DescribeAsync(request.ObjectType, cancellationToken), cancellationToken);
        var fields = VisibleFields(describe, request);
        var isLead = request.Kind == CrmObjectKind.Lead && describe.Field("ConvertedContactId") is not null;
        var soql = Build(describe.Name, fields.Select(f => f.ApiName), request, isLead);
        var options = new QueryOptions { BatchSize = _options.QueryBatchSize, IncludeDeleted = request.IncludeDeleted };
        await using var pages = SalesforceCrmFailures.GuardAsync(_client.QueryPagesAsync<JsonElement>(soql, options, cancellationToken), cancellationToken)
            .GetAsyncEnumerator(cancellationToken);
        while (await NextPageAsync(pages, request.ObjectType))
        {
            var page = pages.Current;
            if (page.Records.Count == 0)
            {
                continue;
            }
            var records = new List<CrmRecord>(page.Records.Count);
            foreach (var row in page.Records)
            {
                records.Add(ToRecord(row, request.Kind, fields, isLead));
            }
            yield return records;
        }
    }

    /// <summary>
    /// The next page. Describes may be cached across runs, so a field hidden since then surfaces as
    /// INVALID_FIELD here: the describe is dropped, and the next run names the field in its error.
    /// </summary>
    private async Task<bool> NextPageAsync(IAsyncEnumerator<QueryPage<JsonElement>> pages, string objectType)
    {
        try
        {
            return await pages.MoveNextAsync();
        }
        catch (CrmException ex) when (ex.ErrorCode is "INVALID_FIELD" or "INVALID_TYPE")
        {
            _client.InvalidateDescribe(objectType);
            throw;
        }
    }

    /// <summary>The SOQL for <paramref name="request"/>; every literal through <see cref="Soql"/>.</summary>
    internal static string Build(string objectType, IEnumerable<string> fields, CrmReadRequest request, bool isLead)
    {
        var select = new List<string> { "Id", "CreatedDate", "SystemModstamp" };
        foreach (var field in fields)
        {
            if (!select.Contains(field, StringComparer.OrdinalIgnoreCase))
            {
                select.Add(field);
            }
        }
        if (request.IncludeDeleted && !select.Contains("IsDeleted", StringComparer.OrdinalIgnoreCase))
        {
            select.Add("IsDeleted");
        }
        if (isLead)
        {
            foreach (var field in new[] { "IsConverted", "ConvertedContactId" })
            {
                if (!select.Contains(field, StringComparer.OrdinalIgnoreCase))
                {
                    select.Add(field);
                }
            }
        }
        var filters = new List<string>();
        if (request.ModstampFrom is { } from)
        {
            filters.Add(request.OverlapFrom is { } overlap && overlap < from
                ? request.OwnUserId is { Length: > 0 } own
                    // SOQL datetimes have whole seconds: "after the cursor's second" keeps Rapport's own
                    // writes made in that second (the push right after a pull) from being read back;
                    // anyone else's change in that second is inside the overlap clause.
                    ? $"(SystemModstamp > {Soql.DateTime(from)} OR (SystemModstamp >= {Soql.DateTime(overlap)} AND LastModifiedById != {Soql.Quote(own)}))"
                    : "SystemModstamp >= " + Soql.DateTime(overlap)
                : "SystemModstamp >= " + Soql.DateTime(from));
        }
        if (request.CreatedAfter is { } created)
        {
            filters.Add("CreatedDate >= " + Soql.DateTime(created));
        }
        if (request.ModifiedAfter is { } modified)
        {
            filters.Add("LastModifiedDate >= " + Soql.DateTime(modified));
        }
        var soql = new StringBuilder("SELECT ").AppendJoin(", ", select).Append(" FROM ").Append(objectType);
        if (filters.Count > 0)
        {
            soql.Append(" WHERE ").AppendJoin(" AND ", filters);
        }
        return soql.Append(" ORDER BY SystemModstamp ASC, Id ASC").ToString();
    }

    private static List<(string Requested, string ApiName, string? Type)> VisibleFields(SObjectDescribe describe, CrmReadRequest request)
    {
        var fields = new List<(string, string, string?)>(request.Fields.Count);
        foreach (var requested in request.Fields.Distinct(StringComparer.OrdinalIgnoreCase))
        {
            // Describe lists only the fields field-level security lets the user see, so a missing one
            // is either misspelt or hidden: both are fixed in Salesforce or in the mapping.
            var field = describe.Field(requested) ?? throw new CrmException(CrmFailureKind.Configuration,
                $"Field {requested} on {describe.Name} is not visible to the integration user: grant it field-level security or remove the mapping.", "INVALID_FIELD");
            fields.Add((requested, field.Name, field.Type));
        }
        return fields;
    }

    private static CrmRecord ToRecord(JsonElement row, CrmObjectKind kind, List<(string Requested, string ApiName, string? Type)> fields, bool isLead)
    {
        var values = new Dictionary<string, string?>(fields.Count, StringComparer.Ordinal);
        foreach (var (requested, apiName, type) in fields)
        {
            values[requested] = row.TryGetProperty(apiName, out var value) ? SalesforceValues.FromJson(value, type) : null;
        }
        string? convertedTo = null;
        if (isLead && row.TryGetProperty("IsConverted", out var converted) && converted.ValueKind == JsonValueKind.True
            && row.TryGetProperty("ConvertedContactId", out var contact) && contact.ValueKind == JsonValueKind.String)
        {
            convertedTo = contact.GetString();
        }
        return new CrmRecord(kind, row.GetProperty("Id").GetString()!, SalesforceValues.Instant(row, "CreatedDate"), values)
        {
            Modstamp = SalesforceValues.Instant(row, "SystemModstamp"),
            IsDeleted = row.TryGetProperty("IsDeleted", out var deleted) && deleted.ValueKind == JsonValueKind.True,
            ConvertedToId = convertedTo,
        };
    }
}
