using System.Text;

namespace Rapport.Server.Console.Salesforce;

/// <summary>
/// Ties validation messages (keyed by JSON path, as <see cref="Sync.SyncSettingsValidator"/> and the
/// admin API report them) to the form controls of the Salesforce pages.
/// </summary>
public static class SyncFormErrors
{
    /// <summary>The id of the message element of <paramref name="key"/>, for <c>aria-describedby</c>.</summary>
    public static string IdOf(string key)
    {
        var id = new StringBuilder("error-", key.Length + 6);
        foreach (var c in key)
        {
            id.Append(char.IsAsciiLetterOrDigit(c) ? c : '-');
        }
        return id.ToString();
    }

    /// <summary>Attributes marking a control invalid and pointing at its message, or nothing when it is valid.</summary>
    public static Dictionary<string, object> For(IReadOnlyDictionary<string, string[]> errors, string key)
        => errors.ContainsKey(key)
            ? new Dictionary<string, object> { ["aria-invalid"] = "true", ["aria-describedby"] = IdOf(key) }
            : [];
}
