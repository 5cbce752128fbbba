namespace Rapport.SalesforceEmulator.Soql;

/// <summary>Lexical categories of SOQL. Keywords are identifiers; the parser decides by position.</summary>
internal enum SoqlTokenKind
{
    EndOfInput,
    Identifier,
    String,
    Number,
    Date,
    DateTime,
    Comma,
    LeftParen,
    RightParen,
    Colon,
    Equal,
    NotEqual,
    Less,
    LessOrEqual,
    Greater,
    GreaterOrEqual,

    /// <summary>A character outside the grammar, or an unterminated string.</summary>
    Unknown,
}
