namespace Rapport.SalesforceEmulator.Soql;

/// <summary>
/// Reads SOQL date (<c>YYYY-MM-DD</c>) and dateTime (<c>YYYY-MM-DDThh:mm:ss[.fff](Z|±hh:mm)</c>) literals
/// by hand, so that every accepted shape is exactly the documented one.
/// </summary>
internal static class SoqlDateParser
{
    public static bool TryParseDate(ReadOnlySpan<char> text, out DateOnly date)
    {
        date = default;
        if (text.Length != 10 || text[4] != '-' || text[7] != '-'
            || !TryDigits(text[..4], out var year) || !TryDigits(text.Slice(5, 2), out var month) || !TryDigits(text.Slice(8, 2), out var day)
            || year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month))
        {
            return false;
        }
        date = new DateOnly(year, month, day);
        return true;
    }

    public static bool TryParseDateTime(ReadOnlySpan<char> text, out DateTimeOffset value)
    {
        value = default;
        if (text.Length < 20 || !TryParseDate(text[..10], out var date) || text[10] is not ('T' or 't')
            || text[13] != ':' || text[16] != ':'
            || !TryDigits(text.Slice(11, 2), out var hour) || !TryDigits(text.Slice(14, 2), out var minute) || !TryDigits(text.Slice(17, 2), out var second)
            || hour > 23 || minute > 59 || second > 59)
        {
            return false;
        }

        var rest = text[19..];
        long fractionTicks = 0;
        if (rest.Length > 0 && rest[0] == '.')
        {
            var digits = 1;
            while (digits < rest.Length && char.IsAsciiDigit(rest[digits]))
            {
                digits++;
            }
            if (digits == 1)
            {
                return false;
            }
            // Keep up to 7 digits (100 ns ticks); Salesforce stores milliseconds, more digits cannot matter.
            var fraction = rest[1..digits];
            for (var i = 0; i < 7; i++)
            {
                fractionTicks = fractionTicks * 10 + (i < fraction.Length ? fraction[i] - '0' : 0);
            }
            rest = rest[digits..];
        }

        TimeSpan offset;
        if (rest is ['Z' or 'z'])
        {
            offset = TimeSpan.Zero;
        }
        else if (rest.Length == 6 && rest[0] is '+' or '-' && rest[3] == ':'
            && TryDigits(rest.Slice(1, 2), out var offsetHours) && TryDigits(rest.Slice(4, 2), out var offsetMinutes)
            && offsetHours <= 14 && offsetMinutes <= 59)
        {
            offset = new TimeSpan(offsetHours, offsetMinutes, 0);
            if (rest[0] == '-')
            {
                offset = -offset;
            }
        }
        else
        {
            return false;
        }

        var local = date.ToDateTime(new TimeOnly(hour, minute, second)).AddTicks(fractionTicks);
        value = new DateTimeOffset(local, offset).ToUniversalTime();
        return true;
    }

    private static bool TryDigits(ReadOnlySpan<char> text, out int value)
    {
        value = 0;
        foreach (var c in text)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }
            value = value * 10 + (c - '0');
        }
        return true;
    }
}
