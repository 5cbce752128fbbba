namespace Rapport.Sync.Pull;

/// <summary>What to look profiles up by for one page: link keys, emails, names and match-attribute values.</summary>
internal sealed class CandidateQuery
{
    public HashSet<string> Keys { get; } = new(StringComparer.Ordinal);
    public HashSet<string> Emails { get; } = new(StringComparer.Ordinal);
    public HashSet<string> Names { get; } = new(StringComparer.Ordinal);
    /// <summary>Profile attribute → values wanted (<c>userId</c>, <c>email</c>, <c>name</c> use their columns).</summary>
    public Dictionary<string, HashSet<string>> Attributes { get; } = new(StringComparer.Ordinal);

    public void AddAttribute(string attribute, string value)
    {
        if (!Attributes.TryGetValue(attribute, out var values))
        {
            Attributes[attribute] = values = new HashSet<string>(StringComparer.Ordinal);
        }
        values.Add(value);
    }
}
