namespace Dashboard.Nats.Internal;

/// <summary>The parsed connection URL with credentials from options or the URL's user info.</summary>
internal sealed record ServerEndpoint(string Host, int Port, bool Tls, string? Token, string? User, string? Password)
{
    /// <summary>Parses <see cref="NatsOptions.Url"/>, which may list several servers separated by commas.</summary>
    public static IReadOnlyList<ServerEndpoint> ParseAll(NatsOptions options) =>
        options.Url.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(url => Parse(url, options))
            .ToList() is { Count: > 0 } list ? list : throw new ArgumentException("No NATS URL given.", nameof(options));

    private static ServerEndpoint Parse(string text, NatsOptions options)
    {
        var url = text.Contains("://", StringComparison.Ordinal) ? text : "nats://" + text;
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("nats" or "tls"))
        {
            throw new ArgumentException($"Invalid NATS URL '{text}'.", nameof(options));
        }

        string? token = options.Token, user = options.User, password = options.Password;
        if (uri.UserInfo.Length > 0)
        {
            var parts = uri.UserInfo.Split(':', 2);
            if (parts.Length == 2)
            {
                user ??= Uri.UnescapeDataString(parts[0]);
                password ??= Uri.UnescapeDataString(parts[1]);
            }
            else
            {
                token ??= Uri.UnescapeDataString(parts[0]);
            }
        }

        var port = uri.IsDefaultPort || uri.Port < 0 ? 4222 : uri.Port;
        return new ServerEndpoint(uri.Host, port, uri.Scheme == "tls", token, user, password);
    }
}
