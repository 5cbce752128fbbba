using System.Collections;
using System.Text;
using Microsoft.Extensions.Configuration;

namespace Rapport.Server.Configuration;

/// <summary>
/// Maps <c>RAPPORT_ADMIN_KEY</c>-style variables onto the <c>Rapport</c> section: the prefix is
/// dropped, <c>__</c> separates sections and single underscores separate words, so
/// <c>RAPPORT_DATA_DIRECTORY</c> sets <c>Rapport:DataDirectory</c> (keys are case-insensitive).
/// <c>RAPPORT_URLS</c> also sets the listen URLs.
/// </summary>
internal sealed class RapportEnvironmentVariablesProvider(IDictionary variables) : ConfigurationProvider
{
    private const string Prefix = "RAPPORT_";

    public override void Load()
    {
        var data = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (DictionaryEntry entry in variables)
        {
            var name = (string)entry.Key;
            if (!name.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase) || name.Length == Prefix.Length)
            {
                continue;
            }
            var rest = name[Prefix.Length..];
            var value = (string?)entry.Value;
            if (rest.Equals("URLS", StringComparison.OrdinalIgnoreCase))
            {
                data["urls"] = value;
                continue;
            }
            var key = new StringBuilder(RapportOptions.Section);
            foreach (var section in rest.Split("__"))
            {
                key.Append(':').Append(section.Replace("_", "", StringComparison.Ordinal));
            }
            data[key.ToString()] = value;
        }
        Data = data;
    }
}
