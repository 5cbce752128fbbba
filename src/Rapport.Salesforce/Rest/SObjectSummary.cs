namespace Rapport.Salesforce.Rest;

/// <summary>One object in Describe Global.</summary>
public sealed record SObjectSummary
{
    /// <summary>API name, e.g. <c>Contact</c> or <c>Invoice__c</c>.</summary>
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

    /// <summary>Record id prefix, e.g. 003 for Contact.</summary>
    public string? KeyPrefix { get; init; }
}
