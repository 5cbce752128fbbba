namespace Rapport.SalesforceEmulator.Soql;

/// <summary>A date literal such as <c>TODAY</c>, <c>THIS_MONTH</c> or <c>LAST_N_DAYS:30</c>.</summary>
/// <param name="Name">The literal's name in upper case.</param>
/// <param name="N">The <c>:n</c> argument of the <c>…_N_…</c> forms, otherwise null.</param>
public sealed record SoqlDateLiteral(string Name, int? N);
