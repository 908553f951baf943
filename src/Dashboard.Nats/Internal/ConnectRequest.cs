namespace Dashboard.Nats.Internal;

/// <summary>The CONNECT payload.</summary>
internal sealed record ConnectRequest
{
    public bool Verbose { get; init; }

    public bool Pedantic { get; init; }

    public bool TlsRequired { get; init; }

    public string? Name { get; init; }

    public string Lang { get; init; } = ".NET";

    public string Version { get; init; } = "1.0.0";

    public int Protocol { get; init; } = 1;

    public bool Headers { get; init; } = true;

    public bool NoResponders { get; init; } = true;

    public bool Echo { get; init; } = true;

    public string? AuthToken { get; init; }

    public string? User { get; init; }

    public string? Pass { get; init; }
}
