using System.Globalization;

namespace Rapport.SalesforceEmulator.Rest;

/// <summary>
/// The REST API versions the emulator serves: 31.0 (Summer '14) to 66.0 (Spring '26). Salesforce
/// ships three releases a year, so a version's label follows from its number.
/// </summary>
public static class ApiVersions
{
    /// <summary>The oldest version served.</summary>
    public const int Oldest = 31;

    /// <summary>The newest version served.</summary>
    public const int Newest = 66;

    /// <summary>The newest version as written in URLs.</summary>
    public const string Current = "66.0";

    /// <summary>Every version, oldest first, as <c>"31.0"</c>…</summary>
    public static IEnumerable<string> All => Enumerable.Range(Oldest, Newest - Oldest + 1).Select(v => $"{v}.0");

    /// <summary>Whether <paramref name="version"/> (as in <c>v66.0</c>, without the v) is served.</summary>
    public static bool IsSupported(string version) =>
        version.EndsWith(".0", StringComparison.Ordinal)
        && int.TryParse(version.AsSpan(0, version.Length - 2), NumberStyles.None, CultureInfo.InvariantCulture, out var major)
        && major is >= Oldest and <= Newest;

    /// <summary>The release name: v31.0 was Summer '14, v32.0 Winter '15, v33.0 Spring '15, and so on.</summary>
    public static string Label(string version)
    {
        var major = int.Parse(version.AsSpan(0, version.IndexOf('.', StringComparison.Ordinal)), CultureInfo.InvariantCulture);
        var step = major - Oldest;
        var cycle = step / 3;
        return (step % 3) switch
        {
            0 => $"Summer '{14 + cycle:00}",
            1 => $"Winter '{15 + cycle:00}",
            _ => $"Spring '{15 + cycle:00}",
        };
    }
}
