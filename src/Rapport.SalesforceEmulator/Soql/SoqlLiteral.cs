namespace Rapport.SalesforceEmulator.Soql;

/// <summary>A value in a field expression.</summary>
/// <param name="Kind">What the literal is.</param>
/// <param name="Value">The decoded value; see <see cref="SoqlLiteralKind"/> for its type.</param>
/// <param name="Text">The literal as typed.</param>
/// <param name="Position">Where it starts.</param>
public sealed record SoqlLiteral(SoqlLiteralKind Kind, object? Value, string Text, SoqlPosition Position)
{
    /// <summary>For string literals, the LIKE pattern where <c>\</c> escapes a literal <c>%</c>, <c>_</c> or <c>\</c>.</summary>
    public string? LikePattern { get; init; }
}
