using System.Globalization;

namespace Rapport.Sync.Pull;

/// <summary>The <c>pull:&lt;ObjectType&gt;</c> cursor: the highest <c>SystemModstamp</c> of the pages completed, round-trip ISO 8601 UTC.</summary>
public static class PullCursor
{
    public static string Name(string objectType) => "pull:" + objectType;

    public static string Format(DateTimeOffset modstamp) => modstamp.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture);

    public static DateTimeOffset? Parse(string? position)
        => DateTimeOffset.TryParse(position, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var value) ? value : null;
}
