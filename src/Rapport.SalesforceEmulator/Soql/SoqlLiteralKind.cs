namespace Rapport.SalesforceEmulator.Soql;

/// <summary>The kinds of value a SOQL field expression compares with.</summary>
public enum SoqlLiteralKind
{
    /// <summary>A quoted string; <see cref="SoqlLiteral.Value"/> is the decoded <see cref="string"/>.</summary>
    String,
    /// <summary>A number; the value is a <see cref="decimal"/>.</summary>
    Number,
    /// <summary><c>true</c> or <c>false</c>; the value is a <see cref="bool"/>.</summary>
    Boolean,
    /// <summary><c>null</c>.</summary>
    Null,
    /// <summary><c>YYYY-MM-DD</c>; the value is a <see cref="DateOnly"/>.</summary>
    Date,
    /// <summary>A dateTime; the value is a UTC <see cref="DateTimeOffset"/>.</summary>
    DateTime,
    /// <summary>A relative range such as <c>TODAY</c> or <c>LAST_N_DAYS:7</c>; the value is a <see cref="SoqlDateLiteral"/>.</summary>
    DateLiteral,
}
