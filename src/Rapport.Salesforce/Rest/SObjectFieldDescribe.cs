namespace Rapport.Salesforce.Rest;

/// <summary>One field of an sObject Describe.</summary>
public sealed record SObjectFieldDescribe
{
    /// <summary>API name.</summary>
    public required string Name { get; init; }

    /// <summary>Label.</summary>
    public string? Label { get; init; }

    /// <summary>Field type: string, email, double, boolean, datetime, reference, picklist, …</summary>
    public string? Type { get; init; }

    /// <summary>Maximum length for text fields.</summary>
    public int Length { get; init; }

    /// <summary>Digits in total for numbers.</summary>
    public int Precision { get; init; }

    /// <summary>Digits after the point for numbers.</summary>
    public int Scale { get; init; }

    /// <summary>Custom field.</summary>
    public bool Custom { get; init; }

    /// <summary>Marked External ID (usable for upserts).</summary>
    public bool ExternalId { get; init; }

    /// <summary>Unique.</summary>
    public bool Unique { get; init; }

    /// <summary>Can be set on create.</summary>
    public bool Createable { get; init; }

    /// <summary>Can be set on update.</summary>
    public bool Updateable { get; init; }

    /// <summary>Can be null.</summary>
    public bool Nillable { get; init; }

    /// <summary>Can be used to identify a record (id lookup).</summary>
    public bool IdLookup { get; init; }

    /// <summary>Target objects of a reference field.</summary>
    public IReadOnlyList<string> ReferenceTo { get; init; } = [];

    /// <summary>Picklist entries.</summary>
    public IReadOnlyList<PicklistValue> PicklistValues { get; init; } = [];
}
