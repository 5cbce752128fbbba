using Rapport.SalesforceEmulator.Auth;

namespace Rapport.SalesforceEmulator.Data;

/// <summary>
/// The org's data: object definitions and records for every sObject. Writes are serialised by
/// one lock (so an <c>allOrNone</c> request spanning several objects can be rolled back exactly);
/// reads of single records take the lock briefly, and queries scan immutable row snapshots
/// without it. Timestamps come from the emulator clock.
/// </summary>
public sealed class OrgStore
{
    [ThreadStatic]
    private static OrgWriter? _ambient;

    private readonly Lock _gate = new();
    private readonly Dictionary<string, ObjectTable> _tables = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, ObjectTable> _byPrefix = new(StringComparer.Ordinal);
    private readonly TimeProvider _clock;
    private readonly IEmulatorDirectory? _directory;
    private IReadOnlyList<EmulatorUser>? _mirroredUsers;
    private long _securityVersion;
    private long _dataVersion;

    /// <summary>Creates an org with the standard objects and no records.</summary>
    public OrgStore(TimeProvider clock, IEmulatorDirectory? directory = null)
    {
        _clock = clock;
        _directory = directory;
        foreach (var definition in StandardSchema.Create())
        {
            var table = new ObjectTable(definition);
            _tables[definition.Name] = table;
            _byPrefix[definition.KeyPrefix] = table;
        }
        OrganizationId = directory?.OrganizationId ?? SalesforceId.Create("00D", 1);
        SyncUsers();
    }

    /// <summary>The org id (key prefix 00D).</summary>
    public string OrganizationId { get; }

    /// <summary>The current time on the emulator clock, to the millisecond.</summary>
    public DateTime Now => FieldValues.Truncate(_clock.GetUtcNow().UtcDateTime);

    /// <summary>The clock the store stamps records with.</summary>
    public TimeProvider Clock => _clock;

    /// <summary>Changes whenever permission sets, assignments, field permissions or custom fields change.</summary>
    public long SecurityVersion => Interlocked.Read(ref _securityVersion);

    /// <summary>Changes on every committed write; persistence uses it to skip idle snapshots.</summary>
    public long DataVersion => Interlocked.Read(ref _dataVersion);

    /// <summary>Every object definition (data and Tooling).</summary>
    public IReadOnlyList<ObjectDefinition> Objects
    {
        get
        {
            lock (_gate)
            {
                return [.. _tables.Values.Select(t => t.Definition)];
            }
        }
    }

    /// <summary>Finds an object by API name, case-insensitively.</summary>
    public ObjectDefinition? FindObject(string name) => FindTable(name)?.Definition;

    /// <summary>Finds the object an id belongs to by its key prefix.</summary>
    public ObjectDefinition? FindObjectById(string id) =>
        id.Length >= 3 && _byPrefix.TryGetValue(id[..3], out var table) ? table.Definition : null;

    /// <summary>Number of records of an object, deleted ones included.</summary>
    public int Count(string objectName)
    {
        lock (_gate)
        {
            return FindTable(objectName)?.RowCount ?? 0;
        }
    }

    internal ObjectTable? FindTable(string name) => _tables.TryGetValue(name, out var table) ? table : null;

    internal ObjectTable? FindTableById(string id18) =>
        _byPrefix.TryGetValue(id18[..3], out var table) ? table : null;

    internal IEnumerable<ObjectTable> Tables => _tables.Values;

    /// <summary>Reads one row (an immutable snapshot) by 18-character id.</summary>
    internal object?[]? Find(ObjectTable table, string id18)
    {
        lock (_gate)
        {
            return table.Find(id18);
        }
    }

    /// <summary>
    /// The table's rows for a query. A snapshot is taken under the org lock, so it never shows half of
    /// a write; it is reused, without the lock, until the table changes.
    /// </summary>
    internal TableSnapshot Snapshot(ObjectTable table)
    {
        if (table.CachedSnapshot is { } cached)
        {
            return cached;
        }
        lock (_gate)
        {
            return table.TakeSnapshot();
        }
    }

    /// <summary>Runs a read that needs the tables' indexes under the org lock.</summary>
    internal T Read<T>(Func<T> read)
    {
        lock (_gate)
        {
            return read();
        }
    }

    /// <summary>Reads one row by id, whatever its object.</summary>
    internal (ObjectTable Table, object?[] Row)? FindAny(string id18)
    {
        if (FindTableById(id18) is not { } table)
        {
            return null;
        }
        return Find(table, id18) is { } row ? (table, row) : null;
    }

    /// <summary>Runs writes as one unit under the org lock. Throwing rolls everything back.</summary>
    internal T Write<T>(Func<OrgWriter, T> work)
    {
        // Inside a composite request every subrequest joins the one open unit, so allOrNone can
        // undo them all; the unit is on this thread because request handlers run synchronously.
        if (_ambient is { } open && open.Store == this)
        {
            return work(open);
        }
        SyncUsers();
        lock (_gate)
        {
            var writer = new OrgWriter(this, Now);
            try
            {
                var result = work(writer);
                if (writer.Touched)
                {
                    Interlocked.Increment(ref _dataVersion);
                    if (writer.TouchedSecurity)
                    {
                        Interlocked.Increment(ref _securityVersion);
                    }
                }
                return result;
            }
            catch
            {
                writer.RollbackTo(0);
                throw;
            }
        }
    }

    /// <summary>
    /// Runs <paramref name="work"/> as one unit in which every nested <see cref="Write{T}"/> on this
    /// thread takes part (the Composite resource's allOrNone).
    /// </summary>
    internal T WriteAll<T>(Func<OrgWriter, T> work) => Write(writer =>
    {
        var previous = _ambient;
        _ambient = writer;
        try
        {
            return work(writer);
        }
        finally
        {
            _ambient = previous;
        }
    });

    /// <summary>Adds a custom field to an object (Tooling API) and indexes it when it is an external id.</summary>
    internal void AddField(ObjectDefinition definition, FieldDefinition field)
    {
        lock (_gate)
        {
            definition.AddField(field);
            if (field.ExternalId || field.Unique)
            {
                FindTable(definition.Name)!.AddKeyIndex(field);
            }
            Interlocked.Increment(ref _securityVersion);
            Interlocked.Increment(ref _dataVersion);
        }
    }

    /// <summary>Deletes every record (users and profiles are recreated from the directory).</summary>
    public void Reset()
    {
        lock (_gate)
        {
            foreach (var table in _tables.Values)
            {
                table.Clear();
            }
            _mirroredUsers = null;
            Interlocked.Increment(ref _securityVersion);
            Interlocked.Increment(ref _dataVersion);
        }
        SyncUsers();
    }

    /// <summary>
    /// Mirrors the directory's users into the User object, with a "System Administrator" profile for
    /// users holding Modify All Data and "Standard User" for the rest, each with the profile-owned
    /// permission set real orgs have (FieldPermissions of profiles hang off those).
    /// </summary>
    internal void SyncUsers()
    {
        if (_directory is null)
        {
            return;
        }
        var users = _directory.Users;
        if (ReferenceEquals(users, Volatile.Read(ref _mirroredUsers)))
        {
            return;
        }
        lock (_gate)
        {
            if (ReferenceEquals(users, _mirroredUsers))
            {
                return;
            }
            var writer = new OrgWriter(this, Now);
            var profiles = FindTable("Profile")!;
            var permissionSets = FindTable("PermissionSet")!;
            var userTable = FindTable("User")!;
            var creator = users.Count > 0 ? users[0].Id : SalesforceId.Create("005", 1);
            foreach (var (number, name, admin) in new[] { (1L, OrgDefaults.AdminProfile, true), (2L, OrgDefaults.StandardProfile, false) })
            {
                var profileId = SalesforceId.Create("00e", number);
                var profile = new Dictionary<string, object?>
                {
                    ["Name"] = name, ["PermissionsApiEnabled"] = FieldValues.True, ["PermissionsModifyAllData"] = FieldValues.Box(admin), ["UserType"] = "Standard",
                };
                writer.Upsert(profiles, profileId, profile, creator);
                var permissionSet = new Dictionary<string, object?>
                {
                    ["Name"] = "X00e" + profileId[3..15], ["Label"] = name, ["IsOwnedByProfile"] = FieldValues.True, ["ProfileId"] = profileId,
                    ["PermissionsApiEnabled"] = FieldValues.True, ["PermissionsModifyAllData"] = FieldValues.Box(admin),
                };
                writer.Upsert(permissionSets, OrgDefaults.ProfilePermissionSetId(admin), permissionSet, creator);
            }
            foreach (var user in users)
            {
                var admin = user.HasPermission(EmulatorPermissions.ModifyAllData);
                var values = new Dictionary<string, object?>
                {
                    ["Username"] = user.Username, ["LastName"] = user.LastName, ["FirstName"] = user.FirstName, ["Name"] = user.Name,
                    ["Email"] = user.Email, ["Alias"] = user.Username.Split('@')[0] is var a && a.Length > 8 ? a[..8] : user.Username.Split('@')[0],
                    ["IsActive"] = FieldValues.Box(user.IsActive), ["ProfileId"] = SalesforceId.Create("00e", admin ? 1 : 2),
                    ["UserType"] = "Standard", ["TimeZoneSidKey"] = "GMT", ["LanguageLocaleKey"] = "en_US",
                };
                writer.Upsert(userTable, user.Id, values, creator);
            }
            Volatile.Write(ref _mirroredUsers, users);
            Interlocked.Increment(ref _securityVersion);
        }
    }
}
