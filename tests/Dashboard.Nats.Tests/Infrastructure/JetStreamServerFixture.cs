namespace Dashboard.Nats.Tests.Infrastructure;

/// <summary>One JetStream-enabled server shared by the tests of a class.</summary>
public sealed class JetStreamServerFixture : IAsyncLifetime
{
    private NatsServerProcess? _server;

    public NatsServerProcess Server => _server ?? throw new InvalidOperationException("The server is not started.");

    public async Task InitializeAsync() => _server = await NatsServerProcess.StartAsync();

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }

    public async Task<NatsConnection> ConnectAsync(NatsOptions? options = null)
    {
        var connection = new NatsConnection((options ?? TestOptions.Fast) with { Url = Server.Url });
        await connection.ConnectAsync();
        return connection;
    }
}
