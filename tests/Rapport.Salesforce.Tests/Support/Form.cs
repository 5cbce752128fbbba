using System.Web;

namespace Rapport.Salesforce.Tests.Support;

/// <summary>Reads form bodies and query strings into a dictionary.</summary>
public static class Form
{
    public static Dictionary<string, string> Parse(string text)
    {
        var values = HttpUtility.ParseQueryString(text.TrimStart('?'));
        return values.AllKeys.Where(k => k is not null).ToDictionary(k => k!, k => values[k]!, StringComparer.Ordinal);
    }
}
