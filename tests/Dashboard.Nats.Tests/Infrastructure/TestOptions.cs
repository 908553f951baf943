namespace Dashboard.Nats.Tests.Infrastructure;

internal static class TestOptions
{
    public static NatsOptions Fast { get; } = new()
    {
        ReconnectDelayMin = TimeSpan.FromMilliseconds(50),
        ReconnectDelayMax = TimeSpan.FromMilliseconds(500),
        RequestTimeout = TimeSpan.FromSeconds(5),
        ConnectTimeout = TimeSpan.FromSeconds(3),
    };

    public static string Unique(string prefix) => $"{prefix}{Guid.NewGuid():N}"[..(prefix.Length + 12)];
}
