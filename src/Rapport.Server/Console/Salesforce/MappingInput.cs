namespace Rapport.Server.Console.Salesforce;

/// <summary>A row of the field mappings table: Salesforce field → profile attribute, and whether it is a match field.</summary>
public sealed class MappingInput
{
    public string? Field { get; set; }
    public string? Attribute { get; set; }
    public bool Match { get; set; }
}
