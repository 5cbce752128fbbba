using Rapport.Salesforce.Rest;
using Rapport.Salesforce.Tooling;
using Rapport.Sync.Connectors;
using Rapport.Sync.Settings;

namespace Rapport.Salesforce.Sync;

/// <summary>
/// Describes objects (cached by the client, so once per connector) and creates the custom fields
/// push writes to through the Tooling API, granting the integration user's profile read and edit
/// on them: a field created through Tooling has no field-level security anywhere until granted.
/// </summary>
public sealed class SalesforceSchema : ICrmSchema
{
    /// <summary>Custom fields on this pseudo-object appear on both Task and Event (Salesforce's "Activity Custom Fields").</summary>
    public const string Activity = "Activity";

    private readonly SalesforceClient _client;
    private string? _permissionSetId;

    /// <summary>Creates the schema over a client.</summary>
    public SalesforceSchema(SalesforceClient client) => _client = client;

    /// <inheritdoc />
    public async Task<CrmObjectInfo> DescribeAsync(string objectType, CancellationToken cancellationToken)
    {
        var describe = await SalesforceCrmFailures.GuardAsync(() => _client.DescribeAsync(objectType, cancellationToken), cancellationToken);
        return new CrmObjectInfo(describe.Name, describe.Label ?? describe.Name,
            describe.Fields.Select(f => new CrmFieldInfo(f.Name, f.Label ?? f.Name, f.Type ?? "string", f.Custom, f.Createable, f.Updateable, f.ExternalId)).ToList());
    }

    /// <inheritdoc />
    public Task EnsureFieldsAsync(string objectType, IReadOnlyList<CrmFieldSpec> fields, CancellationToken cancellationToken) =>
        EnsureAsync(objectType, objectType == Activity ? ["Task", "Event"] : [objectType], fields.Select(f => (f, Definition(objectType, f))).ToList(), cancellationToken);

    /// <summary>
    /// Creates what <paramref name="visibleOn"/> does not show yet and grants read and edit on each
    /// of those objects. A field that exists but is hidden from the user (created by hand, no
    /// field-level security) answers DUPLICATE_DEVELOPER_NAME: it then only needs the grant.
    /// </summary>
    internal async Task EnsureAsync(string objectType, IReadOnlyList<string> visibleOn, IReadOnlyList<(CrmFieldSpec Spec, CustomFieldDefinition Definition)> fields,
        CancellationToken cancellationToken)
    {
        var describes = new List<SObjectDescribe>();
        foreach (var name in visibleOn)
        {
            describes.Add(await SalesforceCrmFailures.GuardAsync(() => _client.DescribeAsync(name, cancellationToken), cancellationToken));
        }
        var missing = fields.Where(f => describes.Any(d => d.Field(f.Spec.ApiName) is not { Updateable: true })).ToList();
        if (missing.Count == 0)
        {
            return;
        }
        foreach (var (spec, definition) in missing)
        {
            if (describes.Any(d => d.Field(spec.ApiName) is null))
            {
                await CreateAsync(objectType, spec, definition, cancellationToken);
            }
        }
        var permissionSet = await ProfilePermissionSetAsync(cancellationToken);
        foreach (var (spec, _) in missing)
        {
            foreach (var name in visibleOn)
            {
                await Guard(objectType, spec, () => _client.Tooling.UpsertFieldPermissionsAsync(permissionSet, name, spec.ApiName, read: true, edit: true, cancellationToken), cancellationToken);
            }
        }
        foreach (var name in visibleOn)
        {
            _client.InvalidateDescribe(name);
        }
    }

    /// <summary>The Tooling definition of a field spec: Rapport's types mapped to Salesforce's.</summary>
    internal static CustomFieldDefinition Definition(string objectType, CrmFieldSpec spec)
    {
        var definition = new CustomFieldDefinition
        {
            FullName = $"{objectType}.{spec.ApiName}",
            Label = spec.Label.Length > 40 ? spec.Label[..40] : spec.Label,
            Type = spec.Type switch
            {
                CrmFieldType.LongText => "LongTextArea",
                CrmFieldType.Number => "Number",
                CrmFieldType.Checkbox => "Checkbox",
                CrmFieldType.Date => "Date",
                CrmFieldType.DateTime => "DateTime",
                _ => "Text",
            },
            Description = "Written by Rapport.",
        };
        return spec.Type switch
        {
            CrmFieldType.Text => definition with { Length = 255 },
            CrmFieldType.LongText => definition with { Length = 32768, VisibleLines = 3 },
            CrmFieldType.Number => definition with { Precision = 18, Scale = 2 },
            CrmFieldType.Checkbox => definition with { DefaultValue = "false" },
            _ => definition,
        };
    }

    private async Task CreateAsync(string objectType, CrmFieldSpec spec, CustomFieldDefinition definition, CancellationToken cancellationToken)
    {
        try
        {
            await Guard(objectType, spec, () => _client.Tooling.CreateCustomFieldAsync(definition, cancellationToken), cancellationToken);
        }
        catch (CrmException e) when (e.ErrorCode == "DUPLICATE_DEVELOPER_NAME")
        {
            // Exists, but field-level security hides it: the grant below makes it visible.
        }
    }

    private async Task<string> ProfilePermissionSetAsync(CancellationToken cancellationToken)
    {
        // Looked up once per connector; two concurrent first calls just look it up twice.
        if (_permissionSetId is null)
        {
            var userId = await SalesforceCrmFailures.GuardAsync(async () =>
                (await _client.GetTokensAsync(cancellationToken)).UserId ?? (await _client.GetIdentityAsync(cancellationToken)).UserId, cancellationToken);
            _permissionSetId = userId is null ? null : await SalesforceCrmFailures.GuardAsync(() => _client.Tooling.FindProfilePermissionSetIdAsync(userId, cancellationToken), cancellationToken);
        }
        return _permissionSetId ?? throw new CrmException(CrmFailureKind.InsufficientAccess,
            "Rapport could not find the integration user's profile permission set to grant field-level security on. " + SalesforceRemedies.InsufficientAccess);
    }

    /// <summary>INSUFFICIENT_ACCESS here means the user may not customize the org: say which permission and which field to create by hand.</summary>
    private static async Task Guard<T>(string objectType, CrmFieldSpec spec, Func<Task<T>> call, CancellationToken cancellationToken)
    {
        try
        {
            await SalesforceCrmFailures.GuardAsync(call, cancellationToken);
        }
        catch (CrmException e) when (e.Kind == CrmFailureKind.InsufficientAccess)
        {
            throw new CrmException(CrmFailureKind.InsufficientAccess,
                $"Salesforce refused to create or grant the field {objectType}.{spec.ApiName} ({e.ErrorCode}): the integration user needs \"Customize Application\" or \"Modify All Data\". "
                + $"Give the user's profile or permission set that permission, or create the field by hand (Setup > Object Manager > {objectType} > Fields & Relationships: "
                + $"{spec.Type} field \"{spec.Label}\", API name {spec.ApiName}) and give the integration user read and edit access to it; then run the sync again.",
                e.ErrorCode, e);
        }
    }
}
