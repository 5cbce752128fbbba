namespace Rapport.Server.Console.Salesforce;

/// <summary>What the Pull page posts: every record type with its mappings, the advanced options, and the button pressed.</summary>
public sealed class PullFormInput
{
    public List<RecordTypeInput> RecordTypes { get; set; } = [];
    public bool OnlyDesignatedMatchFields { get; set; }
    public bool AccountIdsFromContacts { get; set; }
    public bool CreateMissing { get; set; }

    /// <summary><c>save</c>, <c>add:&lt;type&gt;</c> or <c>remove:&lt;type&gt;:&lt;mapping&gt;</c>; every one of them saves.</summary>
    public string? Command { get; set; }
}
