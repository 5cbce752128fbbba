namespace Rapport.SalesforceEmulator.Soql;

/// <summary>
/// A field as written in the query: <c>Email</c>, or a parent relationship path such as
/// <c>Account.Owner.Email</c>. Names are as typed; the schema gives their canonical spelling.
/// </summary>
/// <param name="Segments">The dot-separated parts (relationships, then the field).</param>
/// <param name="Text">The path exactly as typed.</param>
/// <param name="Position">Where the path starts.</param>
public sealed record SoqlFieldPath(IReadOnlyList<string> Segments, string Text, SoqlPosition Position);
