using System.Globalization;

namespace Rapport.Sync.Pull;

/// <summary>The <c>pull:&lt;ObjectType&gt;</c> cursor: the highest <c>SystemModstamp</c> of the pages completed, round-trip ISO 8601 UTC.</summary>
public static class PullCursor
{
    /// <summary>What every pull cursor's name starts with; a connection without one has never been pulled.</summary>
    public const string Prefix = "pull:";

    public static string Name(string objectType) => Prefix + objectType;

    public static string Format(DateTimeOffset modstamp) => modstamp.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture);

    public static DateTimeOffset? Parse(string? position)
        => DateTimeOffset.TryParse(position, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var value) ? value : null;
}
