namespace Rapport.SalesforceEmulator.Soql;

/// <summary>
/// One token with its place in the query text. <see cref="Value"/> holds the decoded literal:
/// string, decimal, <see cref="DateOnly"/> or <see cref="DateTimeOffset"/>.
/// </summary>
internal readonly record struct SoqlToken(SoqlTokenKind Kind, string Text, int Offset, int Line, int Column)
{
    public object? Value { get; init; }

    /// <summary>For strings: the LIKE form, where <c>\</c> escapes a literal <c>%</c>, <c>_</c> or <c>\</c>.</summary>
    public string? LikePattern { get; init; }

    public SoqlPosition Position => new(Offset, Line, Column);

    public bool IsKeyword(string keyword) =>
        Kind == SoqlTokenKind.Identifier && string.Equals(Text, keyword, StringComparison.OrdinalIgnoreCase);

    /// <summary>How the token is named in "unexpected token" messages.</summary>
    public string Display => Kind == SoqlTokenKind.EndOfInput ? "<EOF>" : Text;
}
