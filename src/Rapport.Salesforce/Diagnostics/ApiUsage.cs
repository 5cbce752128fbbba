using System.Globalization;

namespace Rapport.Salesforce.Diagnostics;

/// <summary>
/// The org's daily API usage as the <c>Sforce-Limit-Info: api-usage=N/M</c> response header
/// reports it on every REST response.
/// </summary>
public readonly record struct ApiUsage(long Used, long Max)
{
    /// <summary>The header's name.</summary>
    public const string HeaderName = "Sforce-Limit-Info";

    /// <summary>Calls left today.</summary>
    public long Remaining => Math.Max(0, Max - Used);

    /// <summary>
    /// Parses a header value such as <c>api-usage=25/15000</c>; other comma-separated entries
    /// (e.g. <c>per-app-api-usage=…</c>) are skipped.
    /// </summary>
    public static bool TryParse(string? value, out ApiUsage usage)
    {
        usage = default;
        if (string.IsNullOrEmpty(value))
        {
            return false;
        }
        foreach (var part in value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            const string prefix = "api-usage=";
            if (!part.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }
            var figures = part[prefix.Length..].Split('/');
            if (figures.Length == 2
                && long.TryParse(figures[0], NumberStyles.None, CultureInfo.InvariantCulture, out var used)
                && long.TryParse(figures[1], NumberStyles.None, CultureInfo.InvariantCulture, out var max))
            {
                usage = new ApiUsage(used, max);
                return true;
            }
        }
        return false;
    }
}
