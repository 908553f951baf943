using System.Globalization;

namespace Dashboard.CloudEvents;

/// <summary>Strict RFC 3339 date-time: <c>YYYY-MM-DDTHH:MM:SS[.frac](Z|±HH:MM)</c>.</summary>
internal static class Rfc3339
{
    public static bool TryParse(ReadOnlySpan<char> s, out DateTimeOffset value)
    {
        value = default;
        if (s.Length < 20 || s[4] != '-' || s[7] != '-' || (s[10] | 0x20) != 't' || s[13] != ':' || s[16] != ':')
        {
            return false;
        }

        if (!TryDigits(s, 0, 4, out var year) || !TryDigits(s, 5, 2, out var month) || !TryDigits(s, 8, 2, out var day)
            || !TryDigits(s, 11, 2, out var hour) || !TryDigits(s, 14, 2, out var minute) || !TryDigits(s, 17, 2, out var second))
        {
            return false;
        }

        var i = 19;
        long fractionTicks = 0;
        if (s[i] == '.')
        {
            var start = ++i;
            long scale = TimeSpan.TicksPerSecond;
            while (i < s.Length && char.IsAsciiDigit(s[i]))
            {
                scale /= 10;
                fractionTicks += (s[i] - '0') * scale;
                i++;
            }

            if (i == start)
            {
                return false;
            }
        }

        if (!TryOffset(s[i..], out var offset))
        {
            return false;
        }

        if (year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month)
            || hour > 23 || minute > 59 || second > 60)
        {
            return false;
        }

        // A leap second (:60) is kept as the last representable instant of the minute.
        var leap = second == 60;
        var dateTime = new DateTime(year, month, day, hour, minute, leap ? 59 : second, DateTimeKind.Unspecified)
            .AddTicks(leap ? TimeSpan.TicksPerSecond - 1 : fractionTicks);
        var utc = dateTime - offset;
        if (utc < DateTime.MinValue.AddDays(1) || utc > DateTime.MaxValue.AddDays(-1))
        {
            return false;
        }

        value = new DateTimeOffset(dateTime, offset);
        return true;
    }

    /// <summary>Writes the canonical form: UTC as <c>Z</c>, fractional seconds only when non-zero.</summary>
    public static string Format(DateTimeOffset value)
    {
        var format = value.Offset == TimeSpan.Zero ? "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'" : "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzzz";
        return value.ToString(format, CultureInfo.InvariantCulture);
    }

    private static bool TryOffset(ReadOnlySpan<char> s, out TimeSpan offset)
    {
        offset = TimeSpan.Zero;
        if (s.Length == 1 && (s[0] | 0x20) == 'z')
        {
            return true;
        }

        if (s.Length != 6 || (s[0] != '+' && s[0] != '-') || s[3] != ':'
            || !TryDigits(s, 1, 2, out var hours) || !TryDigits(s, 4, 2, out var minutes) || hours > 23 || minutes > 59)
        {
            return false;
        }

        offset = new TimeSpan(hours, minutes, 0);
        if (s[0] == '-')
        {
            offset = -offset;
        }

        return true;
    }

    private static bool TryDigits(ReadOnlySpan<char> s, int start, int count, out int value)
    {
        value = 0;
        for (var i = start; i < start + count; i++)
        {
            if (!char.IsAsciiDigit(s[i]))
            {
                return false;
            }

            value = (value * 10) + (s[i] - '0');
        }

        return true;
    }
}
