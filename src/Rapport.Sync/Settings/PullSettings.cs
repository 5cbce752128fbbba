namespace Rapport.Sync.Settings;

/// <summary>Salesforce → profiles (seed 000's Pull tab, seed 001's "Salesforce → app").</summary>
public sealed record PullSettings
{
    /// <summary>Contacts and accounts on by default, leads optional (seed 000); any object may be the account-level type (seed 001).</summary>
    public IReadOnlyList<RecordTypeSettings> RecordTypes { get; init; } =
    [
        RecordTypeSettings.Default("Contact", Matching.CrmObjectKind.Contact, enabled: true),
        RecordTypeSettings.Default("Lead", Matching.CrmObjectKind.Lead, enabled: false),
        RecordTypeSettings.Default("Account", Matching.CrmObjectKind.Account, enabled: true),
    ];

    /// <summary>Match only on the designated match fields, never on Name or Email (seed 000 advanced option).</summary>
    public bool OnlyDesignatedMatchFields { get; init; }

    /// <summary>For accounts that cannot otherwise be matched, obtain account ids from matched contacts (seed 000).</summary>
    public bool AccountIdsFromContacts { get; init; }

    public PullMode Mode { get; init; } = PullMode.UpdateMatchedOnly;

    /// <summary>In <see cref="PullMode.CreateMissing"/>: the person record's field that becomes the new profile's user id.</summary>
    public string UserIdField { get; init; } = "Email";

    /// <summary>In <see cref="PullMode.CreateMissing"/>: the account record's field that becomes the new account's group id.</summary>
    public string GroupIdField { get; init; } = "Id";
}
