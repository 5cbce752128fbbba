namespace Rapport.SalesforceEmulator.Soql;

/// <summary>Comparison operators of a SOQL field expression.</summary>
public enum SoqlOperator
{
    /// <summary><c>=</c></summary>
    Equal,
    /// <summary><c>!=</c> or <c>&lt;&gt;</c></summary>
    NotEqual,
    /// <summary><c>&lt;</c></summary>
    LessThan,
    /// <summary><c>&lt;=</c></summary>
    LessThanOrEqual,
    /// <summary><c>&gt;</c></summary>
    GreaterThan,
    /// <summary><c>&gt;=</c></summary>
    GreaterThanOrEqual,
    /// <summary><c>LIKE</c></summary>
    Like,
    /// <summary><c>IN (…)</c></summary>
    In,
    /// <summary><c>NOT IN (…)</c></summary>
    NotIn,
}
