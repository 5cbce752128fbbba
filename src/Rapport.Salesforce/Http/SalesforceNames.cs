namespace Rapport.Salesforce.Http;

/// <summary>
/// Guards names that go into URL paths and SOQL unquoted (objects, fields): API names are
/// letters, digits and underscores starting with a letter, so anything else is refused rather
/// than escaped.
/// </summary>
internal static class SalesforceNames
{
    public static string EnsureApiName(string name, string parameterName)
    {
        if (string.IsNullOrEmpty(name) || !char.IsAsciiLetter(name[0]) || !name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_'))
        {
            throw new ArgumentException($"'{name}' is not a Salesforce API name.", parameterName);
        }
        return name;
    }

    /// <summary>Record ids are 15 or 18 alphanumeric characters.</summary>
    public static string EnsureId(string id, string parameterName)
    {
        if (id is not { Length: 15 or 18 } || !id.All(char.IsAsciiLetterOrDigit))
        {
            throw new ArgumentException($"'{id}' is not a Salesforce record id.", parameterName);
        }
        return id;
    }
}
