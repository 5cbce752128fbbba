using Rapport.Sync.Matching;

namespace Rapport.Sync.Settings;

/// <summary>One CRM object pulled into profiles: filters, field mappings and match fields.</summary>
public sealed record RecordTypeSettings
{
    /// <summary>API name: <c>Contact</c>, <c>Lead</c>, <c>Account</c>, or a custom object such as <c>Company__c</c>.</summary>
    public required string ObjectType { get; init; }
    public CrmObjectKind Kind { get; init; }
    public bool Enabled { get; init; } = true;
    /// <summary>Only pull records created within the last N days (joined with the modified filter by AND).</summary>
    public int? CreatedWithinDays { get; init; }
    /// <summary>Only pull records modified within the last N days.</summary>
    public int? ModifiedWithinDays { get; init; }
    /// <summary>CRM field → profile attribute; pulled values carry source <c>salesforce</c>.</summary>
    public IReadOnlyList<FieldMapping> Mappings { get; init; } = [];
    /// <summary>Designated match fields, compared exactly and case-sensitively.</summary>
    public IReadOnlyList<MatchField> MatchFields { get; init; } = [];

    public static RecordTypeSettings Default(string objectType, CrmObjectKind kind, bool enabled) => new()
    {
        ObjectType = objectType,
        Kind = kind,
        Enabled = enabled,
        Mappings = kind == CrmObjectKind.Account
            ? [new FieldMapping("Name", "name")]
            : [new FieldMapping("Email", "email"), new FieldMapping("FirstName", "firstName"), new FieldMapping("LastName", "lastName")],
    };
}
