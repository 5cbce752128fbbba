namespace Rapport.Server.Console;

/// <summary>Console links built in one place, so pages and tests agree on them.</summary>
public static class ConsoleUrls
{
    /// <summary>A dataset's page, relative to the console's base (no leading slash).</summary>
    public static string Dataset(string datasetId, string? page = null)
        => page is null ? $"datasets/{Uri.EscapeDataString(datasetId)}" : $"datasets/{Uri.EscapeDataString(datasetId)}/{page}";

    /// <summary>
    /// <paramref name="returnUrl"/> when it is a path on this site, otherwise the console's home:
    /// a sign-in link must not send a person on to another site.
    /// </summary>
    public static string LocalOrHome(string? returnUrl)
    {
        if (string.IsNullOrEmpty(returnUrl) || returnUrl[0] != '/' || returnUrl.StartsWith("//", StringComparison.Ordinal)
            || returnUrl.StartsWith("/\\", StringComparison.Ordinal) || returnUrl.Any(char.IsControl))
        {
            return "./";
        }
        return returnUrl;
    }
}
