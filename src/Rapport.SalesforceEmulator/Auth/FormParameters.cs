using Microsoft.Extensions.Primitives;

namespace Rapport.SalesforceEmulator.Auth;

/// <summary>OAuth request parameters merged from the query string and a form body.</summary>
internal sealed class FormParameters(IReadOnlyDictionary<string, StringValues> values)
{
    /// <summary>The first value of a parameter, or null when it is absent.</summary>
    public string? Get(string name) => values.TryGetValue(name, out var value) && value.Count > 0 ? value[0] : null;
}
