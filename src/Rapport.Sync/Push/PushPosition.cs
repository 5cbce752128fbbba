using System.Globalization;

namespace Rapport.Sync.Push;

/// <summary>
/// Where a push pass has got to in (change sequence, row id) order. A processor chunk gives every
/// row it changes the same sequence, so the row id breaks ties and a pass can stop and resume in
/// the middle of one chunk's profiles. Stored as <c>"&lt;sequence&gt;:&lt;id&gt;"</c>; a bare
/// <c>"&lt;sequence&gt;"</c> means everything up to and including that sequence.
/// </summary>
internal readonly record struct PushPosition(long Sequence, long Id)
{
    public static PushPosition Start => new(0, 0);

    public static PushPosition Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return Start;
        }
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        if (colon < 0)
        {
            return long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var sequence) ? new(sequence, long.MaxValue) : Start;
        }
        return long.TryParse(text.AsSpan(0, colon), NumberStyles.Integer, CultureInfo.InvariantCulture, out var seq)
            && long.TryParse(text.AsSpan(colon + 1), NumberStyles.Integer, CultureInfo.InvariantCulture, out var id)
            ? new(seq, id)
            : Start;
    }

    public override string ToString() => Id == long.MaxValue
        ? Sequence.ToString(CultureInfo.InvariantCulture)
        : string.Create(CultureInfo.InvariantCulture, $"{Sequence}:{Id}");
}
