using System.Collections.Concurrent;
using Rapport.SalesforceEmulator.Auth;

namespace Rapport.SalesforceEmulator.Data;

/// <summary>
/// Field-level security. Standard fields are always visible to API users here; a custom field
/// created through the Tooling API is visible and writable only once a <c>FieldPermissions</c>
/// record grants it on a permission set the user holds (their profile's or an assigned one). That
/// is the documented behaviour of real orgs: a field created with the Tooling or Metadata API gets
/// no field permissions on any profile, System Administrator included, and stays invisible to
/// SOQL and describe until FieldPermissions are inserted through the REST API.
/// </summary>
public sealed class FieldAccess
{
    private readonly OrgStore _store;
    private readonly ConcurrentDictionary<string, Grants> _cache = new(StringComparer.Ordinal);

    /// <summary>Creates the checker over an org.</summary>
    public FieldAccess(OrgStore store)
    {
        _store = store;
    }

    /// <summary>Whether the user may read the field (describe, SOQL, record reads).</summary>
    public bool CanRead(IEmulatorSession session, ObjectDefinition definition, FieldDefinition field) =>
        !field.RequiresFieldPermission || GrantsFor(session).Read.Contains(Key(definition.Name, field.Name));

    /// <summary>Whether the user may set the field on create and update.</summary>
    public bool CanEdit(IEmulatorSession session, ObjectDefinition definition, FieldDefinition field) =>
        !field.RequiresFieldPermission || GrantsFor(session).Edit.Contains(Key(definition.Name, field.Name));

    private static string Key(string objectName, string fieldName) => $"{objectName}.{fieldName}".ToUpperInvariant();

    private Grants GrantsFor(IEmulatorSession session)
    {
        var version = _store.SecurityVersion;
        if (_cache.TryGetValue(session.UserId, out var cached) && cached.Version == version)
        {
            return cached;
        }
        var grants = Compute(session.UserId, session.HasPermission(EmulatorPermissions.ModifyAllData), version);
        _cache[session.UserId] = grants;
        return grants;
    }

    private Grants Compute(string userId, bool admin, long version)
    {
        var sets = new HashSet<string>(StringComparer.Ordinal) { OrgDefaults.ProfilePermissionSetId(admin) };
        var assignments = _store.FindTable("PermissionSetAssignment")!;
        var assignee = assignments.Definition.FindField("AssigneeId")!;
        var permissionSet = assignments.Definition.FindField("PermissionSetId")!;
        var (rows, count) = assignments.Snapshot();
        for (var i = 0; i < count; i++)
        {
            if (rows[i] is { } row && Equals(Rows.Get(row, assignee), userId) && Rows.Get(row, permissionSet) is string set)
            {
                sets.Add(set);
            }
        }
        var read = new HashSet<string>(StringComparer.Ordinal);
        var edit = new HashSet<string>(StringComparer.Ordinal);
        var permissions = _store.FindTable("FieldPermissions")!;
        var definition = permissions.Definition;
        var parent = definition.FindField("ParentId")!;
        var field = definition.FindField("Field")!;
        var canRead = definition.FindField("PermissionsRead")!;
        var canEdit = definition.FindField("PermissionsEdit")!;
        (rows, count) = permissions.Snapshot();
        for (var i = 0; i < count; i++)
        {
            if (rows[i] is not { } row || Rows.Get(row, parent) is not string set || !sets.Contains(set) || Rows.Get(row, field) is not string name)
            {
                continue;
            }
            var key = name.ToUpperInvariant();
            // Edit implies read in Salesforce: PermissionsEdit = true requires PermissionsRead = true.
            if (Rows.Get(row, canRead) is true || Rows.Get(row, canEdit) is true)
            {
                read.Add(key);
            }
            if (Rows.Get(row, canEdit) is true)
            {
                edit.Add(key);
            }
        }
        return new Grants(version, read, edit);
    }

    private sealed record Grants(long Version, HashSet<string> Read, HashSet<string> Edit);
}
