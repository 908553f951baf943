namespace Dashboard.IntegrationTests.Eventing;

/// <summary>
/// A real <c>nats-server</c> on a free loopback port with JetStream in a temporary folder. It can be created stopped
/// (to test fallback), started, stopped and started again on the same port. Dispose kills it and deletes the folder.
/// </summary>
public sealed class NatsTestServer : IAsyncDisposable
{
    private readonly NatsServerProcess _process = new("test server");
    private readonly IReadOnlyList<string> _extraArgs;

    private NatsTestServer(IReadOnlyList<string> extraArgs)
    {
        _extraArgs = extraArgs;
        Port = NatsServerProcess.FreePort();
        StoreDir = Directory.CreateTempSubdirectory("dashboard-nats-").FullName;
    }

    public int Port { get; }

    public string StoreDir { get; }

    public string Url => $"nats://127.0.0.1:{Port}";

    /// <summary>A server that is not running yet; call <see cref="StartAsync"/>.</summary>
    public static NatsTestServer Create() => new([]);

    /// <summary>A running server; <paramref name="extraArgs"/> such as <c>--auth token</c> or TLS settings.</summary>
    public static Task<NatsTestServer> StartNewAsync(IReadOnlyList<string>? extraArgs = null) =>
        NatsServerProcess.StartWithFreePortsAsync(
            () => new NatsTestServer(extraArgs ?? []),
            server => server.StartAsync(),
            server => server._process.PortWasTaken,
            async server => await server.DisposeAsync());

    public Task StartAsync() =>
        _process.StartAsync(["-a", "127.0.0.1", "-p", Port.ToString(), "-js", "-sd", StoreDir, .. _extraArgs], Port, TimeSpan.FromSeconds(10));

    public Task StopAsync() => _process.StopAsync();

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        try
        {
            Directory.Delete(StoreDir, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
