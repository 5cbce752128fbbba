using System.Diagnostics.CodeAnalysis;

namespace Rapport.SalesforceEmulator;

/// <summary>
/// Salesforce record ids: a 3-character key prefix, a 12-character base-62 body and, in the
/// 18-character form, a 3-character case-safe suffix. The suffix encodes, for each 5-character
/// chunk of the 15-character id, which characters are upper case (bit i set when character i is
/// 'A'..'Z'), mapped through "ABCDEFGHIJKLMNOPQRSTUVWXYZ012345".
/// </summary>
public static class SalesforceId
{
    private const string Base62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    private const string SuffixAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ012345";

    /// <summary>Builds an 18-character id from a key prefix (e.g. "003"), an instance marker and a sequence number.</summary>
    public static string Create(string keyPrefix, long sequence, char pod = '5')
    {
        ArgumentOutOfRangeException.ThrowIfNotEqual(keyPrefix.Length, 3);
        ArgumentOutOfRangeException.ThrowIfNegative(sequence);
        Span<char> id = stackalloc char[15];
        keyPrefix.AsSpan().CopyTo(id);
        // Positions 3-4 hold the instance ("pod") identifier and a reserved character in real ids.
        id[3] = pod;
        id[4] = '0';
        var value = sequence;
        for (var i = 14; i >= 5; i--)
        {
            id[i] = Base62[(int)(value % 62)];
            value /= 62;
        }
        return To18(id);
    }

    /// <summary>Appends the case-safe suffix to a 15-character id.</summary>
    public static string To18(ReadOnlySpan<char> id15)
    {
        ArgumentOutOfRangeException.ThrowIfNotEqual(id15.Length, 15);
        Span<char> result = stackalloc char[18];
        id15.CopyTo(result);
        for (var chunk = 0; chunk < 3; chunk++)
        {
            var bits = 0;
            for (var i = 0; i < 5; i++)
            {
                var c = id15[chunk * 5 + i];
                if (c is >= 'A' and <= 'Z')
                {
                    bits |= 1 << i;
                }
            }
            result[15 + chunk] = SuffixAlphabet[bits];
        }
        return new string(result);
    }

    /// <summary>
    /// Accepts a 15- or 18-character id and returns its 18-character form. A 15-character id is
    /// case-sensitive; an 18-character id whose suffix does not match its body is rejected, as
    /// Salesforce answers MALFORMED_ID.
    /// </summary>
    public static bool TryNormalize(string? input, [NotNullWhen(true)] out string? id18)
    {
        id18 = null;
        if (input is null || (input.Length != 15 && input.Length != 18))
        {
            return false;
        }
        foreach (var c in input)
        {
            if (!char.IsAsciiLetterOrDigit(c))
            {
                return false;
            }
        }
        var normalized = To18(input.AsSpan(0, 15));
        if (input.Length == 18 && !string.Equals(normalized[15..], input[15..], StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }
        id18 = normalized;
        return true;
    }

    /// <summary>The 3-character key prefix of an id ("001" Account, "003" Contact, "00Q" Lead…).</summary>
    public static string KeyPrefix(string id) => id[..3];
}
