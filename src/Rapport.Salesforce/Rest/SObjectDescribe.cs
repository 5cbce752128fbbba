namespace Rapport.Salesforce.Rest;

/// <summary>sObject Describe (<c>GET /sobjects/{T}/describe</c>): an object and its fields.</summary>
public sealed record SObjectDescribe
{
    /// <summary>API name.</summary>
    public required string Name { get; init; }

    /// <summary>Label.</summary>
    public string? Label { get; init; }

    /// <summary>Custom object.</summary>
    public bool Custom { get; init; }

    /// <summary>Can be queried.</summary>
    public bool Queryable { get; init; }

    /// <summary>Can be created.</summary>
    public bool Createable { get; init; }

    /// <summary>Can be updated.</summary>
    public bool Updateable { get; init; }

    /// <summary>The fields visible to the user (field-level security applies).</summary>
    public IReadOnlyList<SObjectFieldDescribe> Fields { get; init; } = [];

    /// <summary>A field by API name, case-insensitively as Salesforce compares names.</summary>
    public SObjectFieldDescribe? Field(string name) => Fields.FirstOrDefault(f => string.Equals(f.Name, name, StringComparison.OrdinalIgnoreCase));
}
