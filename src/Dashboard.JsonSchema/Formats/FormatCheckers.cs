using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;

namespace Dashboard.JsonSchema.Formats;

/// <summary>Checks for the formats that can be asserted; unknown formats return null (annotation only).</summary>
internal static partial class FormatCheckers
{
    public static Func<string, bool>? Find(string format) => format switch
    {
        "date-time" => IsDateTime,
        "date" => IsDate,
        "time" => IsTime,
        "email" => IsEmail,
        "uri" => IsUri,
        "uuid" => IsUuid,
        "ipv4" => IsIpv4,
        "ipv6" => IsIpv6,
        _ => null,
    };

    public static bool IsDateTime(string text)
    {
        var t = text.IndexOfAny(['T', 't']);
        return t == 10 && IsDate(text[..10]) && IsTime(text[11..]);
    }

    public static bool IsDate(string text) =>
        DatePattern().IsMatch(text)
        && DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _);

    public static bool IsTime(string text)
    {
        var m = TimePattern().Match(text);
        if (!m.Success)
        {
            return false;
        }

        int Part(int i) => int.Parse(m.Groups[i].Value, CultureInfo.InvariantCulture);
        var offsetOk = !m.Groups[4].Success || (Part(4) <= 23 && Part(5) <= 59);
        return Part(1) <= 23 && Part(2) <= 59 && Part(3) <= 60 && offsetOk;
    }

    public static bool IsEmail(string text)
    {
        var at = text.LastIndexOf('@');
        if (at <= 0 || at == text.Length - 1 || text.Any(char.IsWhiteSpace))
        {
            return false;
        }

        var local = text[..at];
        var domain = text[(at + 1)..];
        var localOk = LocalPartPattern().IsMatch(local) || (local.Length > 2 && local[0] == '"' && local[^1] == '"');
        var domainOk = HostnamePattern().IsMatch(domain)
            || (domain.StartsWith('[') && domain.EndsWith(']') && IPAddress.TryParse(domain.Trim('[', ']').Replace("IPv6:", string.Empty), out _));
        return localOk && domainOk;
    }

    public static bool IsUri(string text) =>
        SchemePattern().IsMatch(text)
        && !text.Any(c => char.IsWhiteSpace(c) || c is '<' or '>' or '"' or '{' or '}' or '|' or '\\' or '^' or '`')
        && Uri.TryCreate(text, UriKind.Absolute, out _);

    public static bool IsUuid(string text) => text.Length == 36 && Guid.TryParseExact(text, "D", out _);

    public static bool IsIpv4(string text) => Ipv4Pattern().IsMatch(text);

    public static bool IsIpv6(string text) =>
        text.Contains(':') && !text.Contains('%')
        && IPAddress.TryParse(text, out var address) && address.AddressFamily == AddressFamily.InterNetworkV6;

    [GeneratedRegex(@"^[0-9]{4}-[0-9]{2}-[0-9]{2}\z")]
    private static partial Regex DatePattern();

    [GeneratedRegex(@"^([0-9]{2}):([0-9]{2}):([0-9]{2})(?:\.[0-9]+)?(?:[Zz]|[+-]([0-9]{2}):([0-9]{2}))\z")]
    private static partial Regex TimePattern();

    [GeneratedRegex(@"^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*\z")]
    private static partial Regex LocalPartPattern();

    [GeneratedRegex(@"^(?=.{1,253}\z)[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*\z")]
    private static partial Regex HostnamePattern();

    [GeneratedRegex(@"^[A-Za-z][A-Za-z0-9+.\-]*:")]
    private static partial Regex SchemePattern();

    [GeneratedRegex(@"^(?:(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])\.){3}(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])\z")]
    private static partial Regex Ipv4Pattern();
}
