namespace Rapport.SalesforceEmulator.Soql;

/// <summary>A parsed SOQL query, before it is checked against any schema.</summary>
public sealed class SoqlQuery
{
    internal SoqlQuery(string text, IReadOnlyList<SoqlToken> tokens)
    {
        Text = text;
        Tokens = tokens;
    }

    /// <summary>The query text as received.</summary>
    public string Text { get; }

    /// <summary>Plain fields of the select list, in order.</summary>
    public IReadOnlyList<SoqlFieldPath> Fields { get; internal set; } = [];

    /// <summary><c>COUNT(field)</c> items of the select list, in order.</summary>
    public IReadOnlyList<SoqlAggregate> Aggregates { get; internal set; } = [];

    /// <summary>True for <c>SELECT COUNT() FROM …</c>: the answer is only a count.</summary>
    public bool IsCount { get; internal set; }

    /// <summary>The FROM object as typed.</summary>
    public string From { get; internal set; } = "";

    /// <summary>The alias after the FROM object (<c>FROM Contact c</c>), if any.</summary>
    public string? FromAlias { get; internal set; }

    /// <summary>Where the FROM object name starts.</summary>
    public SoqlPosition FromPosition { get; internal set; }

    /// <summary>The WHERE condition, if any.</summary>
    public SoqlCondition? Where { get; internal set; }

    /// <summary>ORDER BY keys, in order.</summary>
    public IReadOnlyList<SoqlOrderBy> OrderBy { get; internal set; } = [];

    /// <summary>LIMIT, if given.</summary>
    public int? Limit { get; internal set; }

    /// <summary>OFFSET, if given.</summary>
    public int? Offset { get; internal set; }

    /// <summary>The tokens, kept so later errors can echo the query as Salesforce does.</summary>
    internal IReadOnlyList<SoqlToken> Tokens { get; }
}
