using System.Runtime.CompilerServices;
using System.Text.Json;
using Rapport.Salesforce.Http;
using Rapport.Salesforce.Rest;
using Rapport.Salesforce.Querying;

namespace Rapport.Salesforce.Tooling;

/// <summary>
/// The Tooling API (<c>/services/data/vXX.X/tooling/…</c>): create custom fields
/// ("CustomField", Tooling API Objects), run tooling queries, and grant field-level security
/// through FieldPermissions on a permission set.
/// </summary>
public sealed class ToolingApi
{
    private readonly SalesforceTransport _transport;
    private readonly SalesforceClient _client;

    internal ToolingApi(SalesforceTransport transport, SalesforceClient client)
    {
        _transport = transport;
        _client = client;
    }

    /// <summary>
    /// <c>POST /tooling/sobjects/CustomField</c> with <c>FullName</c> and <c>Metadata</c>; returns
    /// the new field's id. Needs "Customize Application" (or Modify All Data): without it
    /// Salesforce answers INSUFFICIENT_ACCESS, which <see cref="SalesforceApiException.IsInsufficientAccess"/>
    /// recognises. The object's cached describe is dropped so the field shows up.
    /// </summary>
    public async Task<string> CreateCustomFieldAsync(CustomFieldDefinition field, CancellationToken cancellationToken)
    {
        var parts = field.FullName.Split('.');
        if (parts.Length != 2 || !parts[1].EndsWith("__c", StringComparison.Ordinal))
        {
            throw new ArgumentException($"'{field.FullName}' is not Object.Field__c.", nameof(field));
        }
        SalesforceNames.EnsureApiName(parts[0], nameof(field));
        SalesforceNames.EnsureApiName(parts[1], nameof(field));
        var metadata = new Dictionary<string, object?>
        {
            ["type"] = field.Type,
            ["label"] = field.Label,
            ["length"] = field.Length,
            ["precision"] = field.Precision,
            ["scale"] = field.Scale,
            ["externalId"] = field.ExternalId,
            ["inlineHelpText"] = field.InlineHelpText,
            ["description"] = field.Description,
            ["defaultValue"] = field.DefaultValue,
            ["visibleLines"] = field.VisibleLines,
        }.Where(p => p.Value is not null).ToDictionary(p => p.Key, p => p.Value);
        var body = JsonSerializer.Serialize(new Dictionary<string, object> { ["FullName"] = field.FullName, ["Metadata"] = metadata }, SalesforceJson.Options);
        using var document = await _transport.SendJsonAsync<JsonDocument>(HttpMethod.Post, await _transport.DataUriAsync("tooling/sobjects/CustomField", cancellationToken),
            SalesforceTransport.Json(body), false, cancellationToken);
        _client.InvalidateDescribe(parts[0]);
        return SaveResultParser.Parse(document.RootElement).Id ?? throw new SalesforceApiException("CustomField create returned no id");
    }

    /// <summary>A tooling query (<c>GET /tooling/query?q=</c>), streamed page by page.</summary>
    public async IAsyncEnumerable<T> QueryAsync<T>(string soql, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var page in QueryPager.PagesAsync<T>(_transport, "tooling/query", soql, null, cancellationToken))
        {
            foreach (var record in page.Records)
            {
                yield return record;
            }
        }
    }

    /// <summary>
    /// Grants read (and edit) on <paramref name="sobject"/>.<paramref name="field"/> to a permission
    /// set: FieldPermissions has no external id, so this "upsert" queries the existing row by
    /// ParentId and Field, then updates it or creates one. Returns the FieldPermissions id.
    /// </summary>
    public async Task<string> UpsertFieldPermissionsAsync(string permissionSetId, string sobject, string field, bool read, bool edit,
        CancellationToken cancellationToken)
    {
        SalesforceNames.EnsureId(permissionSetId, nameof(permissionSetId));
        SalesforceNames.EnsureApiName(sobject, nameof(sobject));
        SalesforceNames.EnsureApiName(field, nameof(field));
        var qualified = sobject + "." + field;
        var soql = Soql.Format($"SELECT Id FROM FieldPermissions WHERE ParentId = {permissionSetId} AND Field = {qualified}");
        string? existing = null;
        await foreach (var row in _client.QueryAsync<JsonElement>(soql, cancellationToken: cancellationToken))
        {
            existing = row.GetProperty("Id").GetString();
            break;
        }
        var values = new Dictionary<string, object?> { ["PermissionsRead"] = read || edit, ["PermissionsEdit"] = edit };
        if (existing is not null)
        {
            await _client.UpdateAsync("FieldPermissions", existing, values, idempotent: true, cancellationToken);
            return existing;
        }
        values["ParentId"] = permissionSetId;
        values["SobjectType"] = sobject;
        values["Field"] = qualified;
        return await _client.CreateAsync("FieldPermissions", values, cancellationToken);
    }

    /// <summary>
    /// The permission set owned by <paramref name="userId"/>'s profile (<c>IsOwnedByProfile = true</c>),
    /// where field permissions for that user's profile live; null if the user is not visible.
    /// </summary>
    public async Task<string?> FindProfilePermissionSetIdAsync(string userId, CancellationToken cancellationToken)
    {
        SalesforceNames.EnsureId(userId, nameof(userId));
        string? profileId = null;
        await foreach (var row in _client.QueryAsync<JsonElement>(Soql.Format($"SELECT ProfileId FROM User WHERE Id = {userId}"), cancellationToken: cancellationToken))
        {
            profileId = row.GetProperty("ProfileId").GetString();
        }
        if (profileId is null)
        {
            return null;
        }
        await foreach (var row in _client.QueryAsync<JsonElement>(Soql.Format($"SELECT Id FROM PermissionSet WHERE IsOwnedByProfile = {true} AND ProfileId = {profileId}"), cancellationToken: cancellationToken))
        {
            return row.GetProperty("Id").GetString();
        }
        return null;
    }

    /// <summary>The id of a permission set by API name, or null.</summary>
    public async Task<string?> FindPermissionSetIdAsync(string name, CancellationToken cancellationToken)
    {
        await foreach (var row in _client.QueryAsync<JsonElement>(Soql.Format($"SELECT Id FROM PermissionSet WHERE Name = {name}"), cancellationToken: cancellationToken))
        {
            return row.GetProperty("Id").GetString();
        }
        return null;
    }
}
