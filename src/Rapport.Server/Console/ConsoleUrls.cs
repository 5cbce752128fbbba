namespace Rapport.Server.Console;

/// <summary>Console links built in one place, so pages and tests agree on them.</summary>
public static class ConsoleUrls
{
    /// <summary>A dataset's page, relative to the console's base (no leading slash).</summary>
    public static string Dataset(string datasetId, string? page = null)
        => page is null ? $"datasets/{Uri.EscapeDataString(datasetId)}" : $"datasets/{Uri.EscapeDataString(datasetId)}/{page}";

    /// <summary>
    /// A profile's Unified Customer Profile page; <paramref name="profileId"/> is its user id, or one of
    /// its anonymous ids when it has none. Escaped as one path segment, so slashes and spaces stay in the id.
    /// </summary>
    public static string Profile(string datasetId, string profileId) => Dataset(datasetId, "profiles/" + Uri.EscapeDataString(profileId));

    /// <summary>An account's details page, by its group id (escaped as one path segment).</summary>
    public static string Account(string datasetId, string groupId) => Dataset(datasetId, "accounts/" + Uri.EscapeDataString(groupId));

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
