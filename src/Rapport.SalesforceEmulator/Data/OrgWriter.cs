namespace Rapport.SalesforceEmulator.Data;

/// <summary>
/// Record writes inside one <see cref="OrgStore.Write{T}"/> unit, with an undo log so an
/// <c>allOrNone</c> request can be rolled back to a savepoint. Validation and the platform's
/// derived fields live in <see cref="RecordRules"/>.
/// </summary>
internal sealed class OrgWriter
{
    private readonly OrgStore _store;
    private readonly List<(ObjectTable Table, int Slot, object?[]? Before)> _undo = [];

    public OrgWriter(OrgStore store, DateTime now)
    {
        _store = store;
        Now = now;
    }

    public DateTime Now { get; }

    public OrgStore Store => _store;

    public bool Touched { get; private set; }

    public bool TouchedSecurity { get; private set; }

    public int Savepoint() => _undo.Count;

    public void RollbackTo(int savepoint)
    {
        for (var i = _undo.Count - 1; i >= savepoint; i--)
        {
            var (table, slot, before) = _undo[i];
            table.Replace(slot, before);
        }
        _undo.RemoveRange(savepoint, _undo.Count - savepoint);
    }

    /// <summary>Creates a record; <paramref name="values"/> hold stored-form values keyed by field name.</summary>
    public SaveOutcome Insert(ObjectTable table, IReadOnlyDictionary<string, object?> values, string userId, WriteMode mode = WriteMode.Api, string? presetId = null)
    {
        var definition = table.Definition;
        var row = new object?[definition.FieldCount];
        var id = presetId ?? SalesforceId.Create(definition.KeyPrefix, table.NextSequence++);
        row[0] = id;
        foreach (var (name, value) in values)
        {
            if (definition.FindField(name) is { } field && field.Ordinal != 0)
            {
                row[field.Ordinal] = value;
            }
        }
        RecordRules.ApplyCreateDefaults(definition, row, userId, Now, mode);
        var errors = RecordRules.Validate(this, table, row, previous: null);
        if (errors.Count > 0)
        {
            return new SaveOutcome(null, errors);
        }
        RecordRules.Derive(this, definition, row, previous: null);
        var slot = table.Append(row);
        _undo.Add((table, slot, null));
        MarkTouched(definition);
        if (presetId is not null && SequenceOf(presetId) is { } sequence && sequence >= table.NextSequence)
        {
            table.NextSequence = sequence + 1;
        }
        return SaveOutcome.Ok(id, created: true);
    }

    /// <summary>Changes fields of a record.</summary>
    public SaveOutcome Update(ObjectTable table, string id18, IReadOnlyDictionary<string, object?> values, string userId, WriteMode mode = WriteMode.Api)
    {
        var definition = table.Definition;
        var slot = table.SlotOf(id18);
        if (slot < 0 || table.RowAt(slot) is not { } current)
        {
            return SaveOutcome.Fail(new SalesforceError("NOT_FOUND", "The requested resource does not exist"), id18);
        }
        if (Rows.IsDeleted(current, definition))
        {
            return SaveOutcome.Fail(new SalesforceError("ENTITY_IS_DELETED", "entity is deleted"), id18);
        }
        if (mode == WriteMode.Api && definition.Name == "Lead" && Rows.Get(current, definition, "IsConverted") is true)
        {
            // Converted leads are read-only to the API (Lead object reference, "Converting Leads").
            return SaveOutcome.Fail(new SalesforceError("CANNOT_UPDATE_CONVERTED_LEAD", "cannot reference converted lead"), id18);
        }
        var row = Rows.Copy(current, definition.FieldCount);
        foreach (var (name, value) in values)
        {
            if (definition.FindField(name) is { } field && field.Ordinal != 0)
            {
                row[field.Ordinal] = value;
            }
        }
        var errors = RecordRules.Validate(this, table, row, current);
        if (errors.Count > 0)
        {
            return new SaveOutcome(id18, errors);
        }
        RecordRules.Derive(this, definition, row, current);
        if (mode == WriteMode.Api || !values.ContainsKey("LastModifiedDate"))
        {
            RecordRules.Touch(definition, row, userId, Now);
        }
        Commit(table, slot, current, row);
        return SaveOutcome.Ok(id18);
    }

    /// <summary>
    /// Deletes a record. Objects with IsDeleted go to the recycle bin (visible to queryAll and
    /// /deleted); others are removed. Deleting an account deletes its contacts and opportunities,
    /// as Salesforce's cascade delete does.
    /// </summary>
    public SaveOutcome Delete(ObjectTable table, string id18, string userId)
    {
        var definition = table.Definition;
        var slot = table.SlotOf(id18);
        if (slot < 0 || table.RowAt(slot) is not { } current)
        {
            return SaveOutcome.Fail(new SalesforceError("NOT_FOUND", "The requested resource does not exist"), id18);
        }
        if (Rows.IsDeleted(current, definition))
        {
            return SaveOutcome.Fail(new SalesforceError("ENTITY_IS_DELETED", "entity is deleted"), id18);
        }
        if (definition.FindField("IsDeleted") is not { } isDeleted)
        {
            Commit(table, slot, current, null);
            return SaveOutcome.Ok(id18);
        }
        var row = Rows.Copy(current, definition.FieldCount);
        row[isDeleted.Ordinal] = FieldValues.True;
        RecordRules.Touch(definition, row, userId, Now);
        Commit(table, slot, current, row);
        if (definition.Name == "Account")
        {
            CascadeDelete("Contact", id18, userId);
            CascadeDelete("Opportunity", id18, userId);
        }
        return SaveOutcome.Ok(id18);
    }

    /// <summary>Restores a record from the recycle bin.</summary>
    public SaveOutcome Undelete(ObjectTable table, string id18, string userId)
    {
        var definition = table.Definition;
        var slot = table.SlotOf(id18);
        if (slot < 0 || table.RowAt(slot) is not { } current || definition.FindField("IsDeleted") is not { } isDeleted)
        {
            return SaveOutcome.Fail(new SalesforceError("NOT_FOUND", "The requested resource does not exist"), id18);
        }
        if (!Rows.IsDeleted(current, definition))
        {
            return SaveOutcome.Fail(new SalesforceError("UNDELETE_FAILED", "Entity is not in the recycle bin"), id18);
        }
        var row = Rows.Copy(current, definition.FieldCount);
        row[isDeleted.Ordinal] = FieldValues.False;
        RecordRules.Touch(definition, row, userId, Now);
        Commit(table, slot, current, row);
        return SaveOutcome.Ok(id18);
    }

    /// <summary>Creates or replaces a record with a fixed id (users and profiles mirrored from the directory).</summary>
    public SaveOutcome Upsert(ObjectTable table, string id18, IReadOnlyDictionary<string, object?> values, string userId) =>
        table.SlotOf(id18) >= 0
            ? Update(table, id18, values, userId, WriteMode.System)
            : Insert(table, values, userId, WriteMode.System, id18);

    /// <summary>Appends a row built by the seeder or snapshot loader without validation.</summary>
    public void AppendTrusted(ObjectTable table, object?[] row)
    {
        table.Append(row);
        if (SequenceOf(Rows.Id(row)) is { } sequence && sequence >= table.NextSequence)
        {
            table.NextSequence = sequence + 1;
        }
        Touched = true;
    }

    private void CascadeDelete(string objectName, string accountId, string userId)
    {
        var table = _store.FindTable(objectName)!;
        var accountField = table.Definition.FindField("AccountId")!;
        var (rows, count) = table.Snapshot();
        for (var i = 0; i < count; i++)
        {
            if (rows[i] is { } row && Equals(Rows.Get(row, accountField), accountId) && !Rows.IsDeleted(row, table.Definition))
            {
                Delete(table, Rows.Id(row), userId);
            }
        }
    }

    private void Commit(ObjectTable table, int slot, object?[] before, object?[]? after)
    {
        table.Replace(slot, after);
        _undo.Add((table, slot, before));
        MarkTouched(table.Definition);
    }

    private void MarkTouched(ObjectDefinition definition)
    {
        Touched = true;
        if (definition.Name is "PermissionSet" or "PermissionSetAssignment" or "FieldPermissions" or "User" or "Profile")
        {
            TouchedSecurity = true;
        }
    }

    /// <summary>The sequence number of an id this emulator generated (pod "50"), or null for foreign ids.</summary>
    internal static long? SequenceOf(string id18)
    {
        const string Base62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
        if (id18.Length < 15 || id18[3] != '5' || id18[4] != '0')
        {
            return null;
        }
        long value = 0;
        for (var i = 5; i < 15; i++)
        {
            var digit = Base62.IndexOf(id18[i], StringComparison.Ordinal);
            if (digit < 0)
            {
                return null;
            }
            value = value * 62 + digit;
        }
        return value;
    }
}
