namespace Rapport.SalesforceEmulator.Data;

/// <summary>
/// The platform behaviour of a save: defaults, validation with Salesforce's error codes and
/// messages, and the fields Salesforce derives (Name, Opportunity IsClosed/IsWon, activity timing).
/// </summary>
internal static class RecordRules
{
    /// <summary>Defaults applied on create: checkboxes false, defaulted picklists, owner and audit fields.</summary>
    public static void ApplyCreateDefaults(ObjectDefinition definition, object?[] row, string userId, DateTime now, WriteMode mode)
    {
        foreach (var field in definition.Fields)
        {
            if (row[field.Ordinal] is not null)
            {
                continue;
            }
            if (field.Type == SalesforceFieldType.Boolean)
            {
                row[field.Ordinal] = FieldValues.False;
            }
            else if (field.DefaultedOnCreate && field.PicklistValues.FirstOrDefault(p => p.DefaultValue) is { } entry)
            {
                row[field.Ordinal] = entry.Value;
            }
        }
        SetIfEmpty(definition, row, "OwnerId", userId);
        SetIfEmpty(definition, row, "CreatedById", userId);
        SetIfEmpty(definition, row, "LastModifiedById", userId);
        var stamp = mode == WriteMode.System && Rows.Get(row, definition, "CreatedDate") is DateTime created ? created : (object)WholeSeconds(now);
        SetIfEmpty(definition, row, "CreatedDate", stamp);
        SetIfEmpty(definition, row, "LastModifiedDate", Rows.Get(row, definition, "CreatedDate") ?? stamp);
        SetIfEmpty(definition, row, "SystemModstamp", Rows.Get(row, definition, "LastModifiedDate") ?? stamp);
    }

    /// <summary>
    /// Salesforce stores datetimes to the second (queries show <c>.000</c> milliseconds), so audit
    /// stamps do too: clients comparing <c>SystemModstamp</c> with a SOQL literal see what a real org gives.
    /// </summary>
    public static DateTime WholeSeconds(DateTime value) => value.AddTicks(-(value.Ticks % TimeSpan.TicksPerSecond));

    /// <summary>Stamps a change by <paramref name="userId"/>.</summary>
    public static void Touch(ObjectDefinition definition, object?[] row, string userId, DateTime now)
    {
        var boxed = (object)WholeSeconds(now);
        Rows.Set(ref row, definition, "LastModifiedDate", boxed);
        Rows.Set(ref row, definition, "LastModifiedById", userId);
        Rows.Set(ref row, definition, "SystemModstamp", boxed);
    }

    /// <summary>Checks a row about to be saved; returns Salesforce errors, empty when valid.</summary>
    public static List<SalesforceError> Validate(OrgWriter writer, ObjectTable table, object?[] row, object?[]? previous)
    {
        var definition = table.Definition;
        var errors = new List<SalesforceError>();
        var missing = new List<string>();
        foreach (var field in definition.Fields)
        {
            var value = Rows.Get(row, field);
            if (value is null || value is string { Length: 0 })
            {
                if (!field.Nillable && field.Ordinal != 0 && (field.Createable || field.Updateable) && field.Type != SalesforceFieldType.Boolean)
                {
                    missing.Add(field.Name);
                }
                continue;
            }
            if (previous is not null && ReferenceEquals(value, Rows.Get(previous, field)))
            {
                continue;
            }
            if (CheckValue(writer.Store, table, field, value, Rows.Id(row)) is { } error)
            {
                errors.Add(error);
            }
        }
        if (definition.Name == "Event")
        {
            missing.AddRange(MissingEventTiming(definition, row));
        }
        if (missing.Count > 0)
        {
            // "Required fields are missing: [LastName, Company]" (REST API Developer Guide, status codes).
            errors.Insert(0, new SalesforceError("REQUIRED_FIELD_MISSING", $"Required fields are missing: [{string.Join(", ", missing)}]", missing));
        }
        return errors;
    }

    /// <summary>Fills the fields the platform computes.</summary>
    public static void Derive(OrgWriter writer, ObjectDefinition definition, object?[] row, object?[]? previous)
    {
        switch (definition.Name)
        {
            case "Contact" or "Lead" or "User":
                var first = Rows.Get(row, definition, "FirstName") as string;
                var last = Rows.Get(row, definition, "LastName") as string;
                var name = string.IsNullOrEmpty(first) ? last : $"{first} {last}";
                if (!Equals(name, Rows.Get(row, definition, "Name")))
                {
                    Rows.Set(ref row, definition, "Name", name);
                }
                break;
            case "Opportunity":
                DeriveOpportunity(definition, row, previous);
                break;
            case "Task":
                var status = Rows.Get(row, definition, "Status") as string;
                Rows.Set(ref row, definition, "IsClosed", FieldValues.Box(status == "Completed"));
                Rows.Set(ref row, definition, "IsHighPriority", FieldValues.Box(Rows.Get(row, definition, "Priority") as string == "High"));
                if (status == "Completed" && Rows.Get(row, definition, "CompletedDateTime") is null)
                {
                    Rows.Set(ref row, definition, "CompletedDateTime", writer.Now);
                }
                DeriveActivityAccount(writer, definition, row);
                break;
            case "Event":
                DeriveEventTiming(definition, row);
                DeriveActivityAccount(writer, definition, row);
                break;
        }
    }

    private static SalesforceError? CheckValue(OrgStore store, ObjectTable table, FieldDefinition field, object value, string selfId)
    {
        if (value is string text && field.IsText && field.Length > 0 && text.Length > field.Length)
        {
            return new SalesforceError("STRING_TOO_LONG", $"{field.Label}: data value too large: {text} (max length={field.Length})", [field.Name]);
        }
        if (field.Type == SalesforceFieldType.Email && value is string email && !IsEmail(email))
        {
            return new SalesforceError("INVALID_EMAIL_ADDRESS", $"{field.Label}: invalid email address: {email}", [field.Name]);
        }
        // Audit lookups (CreatedById…) are set by the platform itself and need no check.
        if (field.Type == SalesforceFieldType.Reference && value is string reference && (field.Createable || field.Updateable))
        {
            return CheckReference(store, field, reference);
        }
        if (table.HasKeyIndex(field) && field.Unique && table.Lookup(field, value) is { } slots)
        {
            foreach (var slot in slots)
            {
                if (table.RowAt(slot) is { } other && Rows.Id(other) != selfId && !Rows.IsDeleted(other, table.Definition))
                {
                    return new SalesforceError("DUPLICATE_VALUE", $"duplicate value found: {field.Name} duplicates value on record with id: {Rows.Id(other)}", [field.Name]);
                }
            }
        }
        return null;
    }

    private static SalesforceError? CheckReference(OrgStore store, FieldDefinition field, string reference)
    {
        if (!SalesforceId.TryNormalize(reference, out var id18))
        {
            return new SalesforceError("MALFORMED_ID", $"{field.Label}: id value of incorrect type: {reference}", [field.Name]);
        }
        var target = store.FindTableById(id18);
        if (target is null || !field.ReferenceTo.Contains(target.Definition.Name, StringComparer.OrdinalIgnoreCase))
        {
            return new SalesforceError("FIELD_INTEGRITY_EXCEPTION", $"{field.Label}: id value of incorrect type: {reference}", [field.Name]);
        }
        if (target.Find(id18) is not { } row)
        {
            return new SalesforceError("INVALID_CROSS_REFERENCE_KEY", $"invalid cross reference id", [field.Name]);
        }
        if (Rows.IsDeleted(row, target.Definition))
        {
            return new SalesforceError("ENTITY_IS_DELETED", "entity is deleted", [field.Name]);
        }
        return null;
    }

    /// <summary>A pragmatic check close to Salesforce's: local@domain.tld, no spaces, one '@'.</summary>
    internal static bool IsEmail(string email)
    {
        var at = email.IndexOf('@', StringComparison.Ordinal);
        if (at <= 0 || at != email.LastIndexOf('@') || at == email.Length - 1)
        {
            return false;
        }
        var domain = email.AsSpan(at + 1);
        var dot = domain.LastIndexOf('.');
        if (dot <= 0 || dot == domain.Length - 1 || domain.StartsWith(".") || domain.Contains("..", StringComparison.Ordinal))
        {
            return false;
        }
        foreach (var c in email)
        {
            if (char.IsWhiteSpace(c) || c is ',' or ';' or '<' or '>' or '(' or ')' or '[' or ']' or '"' or '\\')
            {
                return false;
            }
        }
        return true;
    }

    // Event: an all-day event needs ActivityDate; a timed one needs a start and a duration or an end
    // (Event object reference: DurationInMinutes "required if IsAllDayEvent is false and EndDateTime isn't set").
    private static IEnumerable<string> MissingEventTiming(ObjectDefinition definition, object?[] row)
    {
        var allDay = Rows.Get(row, definition, "IsAllDayEvent") is true;
        var start = Rows.Get(row, definition, "StartDateTime") ?? Rows.Get(row, definition, "ActivityDateTime");
        if (allDay)
        {
            if (Rows.Get(row, definition, "ActivityDate") is null && start is null)
            {
                yield return "ActivityDate";
            }
            yield break;
        }
        if (start is null)
        {
            yield return "ActivityDateTime";
        }
        if (Rows.Get(row, definition, "DurationInMinutes") is null && Rows.Get(row, definition, "EndDateTime") is null)
        {
            yield return "DurationInMinutes";
        }
    }

    private static void DeriveEventTiming(ObjectDefinition definition, object?[] row)
    {
        var allDay = Rows.Get(row, definition, "IsAllDayEvent") is true;
        var start = (Rows.Get(row, definition, "StartDateTime") ?? Rows.Get(row, definition, "ActivityDateTime")) as DateTime?;
        if (allDay)
        {
            var day = Rows.Get(row, definition, "ActivityDate") as DateOnly? ?? DateOnly.FromDateTime(start!.Value);
            var startOfDay = day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
            Rows.Set(ref row, definition, "ActivityDate", day);
            Rows.Set(ref row, definition, "ActivityDateTime", startOfDay);
            Rows.Set(ref row, definition, "StartDateTime", startOfDay);
            Rows.Set(ref row, definition, "EndDateTime", startOfDay.AddDays(1));
            Rows.Set(ref row, definition, "DurationInMinutes", 1440);
            return;
        }
        var begin = start!.Value;
        var end = Rows.Get(row, definition, "EndDateTime") as DateTime?;
        var duration = Rows.Get(row, definition, "DurationInMinutes") as int?;
        end ??= begin.AddMinutes(duration ?? 0);
        Rows.Set(ref row, definition, "StartDateTime", begin);
        Rows.Set(ref row, definition, "ActivityDateTime", begin);
        Rows.Set(ref row, definition, "ActivityDate", DateOnly.FromDateTime(begin));
        Rows.Set(ref row, definition, "EndDateTime", end.Value);
        Rows.Set(ref row, definition, "DurationInMinutes", (int)(end.Value - begin).TotalMinutes);
    }

    // Activities show the account of their What (an account or an opportunity's account) or of their Who contact.
    private static void DeriveActivityAccount(OrgWriter writer, ObjectDefinition definition, object?[] row)
    {
        string? account = null;
        if (Rows.Get(row, definition, "WhatId") is string what && writer.Store.FindTableById(what) is { } whatTable && whatTable.Find(what) is { } whatRow)
        {
            account = whatTable.Definition.Name == "Account" ? what : Rows.Get(whatRow, whatTable.Definition, "AccountId") as string;
        }
        if (account is null && Rows.Get(row, definition, "WhoId") is string who && writer.Store.FindTableById(who) is { } whoTable
            && whoTable.Definition.Name == "Contact" && whoTable.Find(who) is { } whoRow)
        {
            account = Rows.Get(whoRow, whoTable.Definition, "AccountId") as string;
        }
        Rows.Set(ref row, definition, "AccountId", account);
    }

    private static void DeriveOpportunity(ObjectDefinition definition, object?[] row, object?[]? previous)
    {
        var stage = Rows.Get(row, definition, "StageName") as string;
        var known = StandardSchema.OpportunityStages.FirstOrDefault(s => s.Stage == stage);
        var closed = known.Stage is not null ? known.Closed : stage?.StartsWith("Closed", StringComparison.Ordinal) == true;
        var won = known.Stage is not null ? known.Won : stage == "Closed Won";
        Rows.Set(ref row, definition, "IsClosed", FieldValues.Box(closed));
        Rows.Set(ref row, definition, "IsWon", FieldValues.Box(won));
        var stageChanged = previous is null || !Equals(Rows.Get(previous, definition, "StageName"), stage);
        var probabilityGiven = previous is null
            ? Rows.Get(row, definition, "Probability") is not null
            : !Equals(Rows.Get(previous, definition, "Probability"), Rows.Get(row, definition, "Probability"));
        if (stageChanged && !probabilityGiven && known.Stage is not null)
        {
            Rows.Set(ref row, definition, "Probability", (decimal)known.Probability);
        }
        if (stageChanged && known.Stage is not null)
        {
            Rows.Set(ref row, definition, "ForecastCategoryName", known.Forecast);
        }
    }

    private static void SetIfEmpty(ObjectDefinition definition, object?[] row, string fieldName, object value)
    {
        if (definition.FindField(fieldName) is { } field && row[field.Ordinal] is null)
        {
            row[field.Ordinal] = value;
        }
    }
}
