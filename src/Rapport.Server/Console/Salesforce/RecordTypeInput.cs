using Rapport.Sync.Matching;

namespace Rapport.Server.Console.Salesforce;

/// <summary>One record type on the Pull page; the days are text so "abc" gets a message instead of vanishing.</summary>
public sealed class RecordTypeInput
{
    public string ObjectType { get; set; } = "";
    public CrmObjectKind Kind { get; set; }
    public bool Enabled { get; set; }
    public string? CreatedWithinDays { get; set; }
    public string? ModifiedWithinDays { get; set; }
    public List<MappingInput> Mappings { get; set; } = [];

    /// <summary>The "+ Pull new Salesforce field" row.</summary>
    public string? NewField { get; set; }
    public string? NewAttribute { get; set; }
    public bool NewMatch { get; set; }
}
