namespace Rapport.SalesforceEmulator.Soql;

/// <summary>
/// A top-level conjunct of the WHERE clause on a plain field of the queried object, which storage may
/// use to pick candidate rows from an index (<c>Id IN (…)</c>, <c>Email = 'x'</c>, <c>SystemModstamp &gt; t</c>).
/// Every returned row is still checked against the whole WHERE clause, so a hint may be ignored.
/// </summary>
/// <param name="Field">Canonical field name.</param>
/// <param name="Operator">One of <c>=</c>, <c>IN</c>, <c>&lt;</c>, <c>&lt;=</c>, <c>&gt;</c>, <c>&gt;=</c>.</param>
/// <param name="Values">
/// Typed values: 18-character ids for id and reference fields; strings (compared case-insensitively,
/// so index them that way); <see cref="decimal"/>; <see cref="bool"/>; <see cref="DateOnly"/>;
/// UTC <see cref="DateTimeOffset"/>. Never null; comparisons with null or date literals give no hint.
/// </param>
public sealed record SoqlIndexHint(string Field, SoqlOperator Operator, IReadOnlyList<object> Values);
