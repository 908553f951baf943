using System.Collections.Concurrent;
using Dashboard.Nats.Tests.Infrastructure;

namespace Dashboard.Nats.Tests.Core;

public sealed class PermissionTests : IAsyncLifetime
{
    private const string Config = """
        authorization {
          users = [
            { user: "app", password: "pw", permissions: { publish: { deny: ["secret.>"] }, subscribe: { deny: ["secret.>"] } } }
          ]
        }
        """;

    private readonly ConcurrentQueue<string> _errors = new();
    private NatsServerProcess? _server;
    private NatsConnection? _connection;

    private NatsConnection Connection => _connection!;

    public async Task InitializeAsync()
    {
        _server = await NatsServerProcess.StartAsync(config: Config);
        _connection = new NatsConnection(TestOptions.Fast with { Url = _server.Url, User = "app", Password = "pw" });
        _connection.ServerError += (_, e) => _errors.Enqueue(e.Message);
        await _connection.ConnectAsync();
    }

    public async Task DisposeAsync()
    {
        if (_connection is not null)
        {
            await _connection.DisposeAsync();
        }

        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }

    [Fact]
    public async Task PublishAsync_DeniedSubject_RaisesServerErrorAndConnectionStaysUp()
    {
        await Connection.PublishAsync("secret.plans", "x"u8.ToArray());

        await Eventually.TrueAsync(() => !_errors.IsEmpty, "permission error reported");
        Assert.Contains(_errors, e => e.Contains("Permissions Violation for Publish to \"secret.plans\"", StringComparison.Ordinal));
        await Connection.FlushAsync();
        Assert.Equal(NatsConnectionState.Connected, Connection.State);
    }

    [Fact]
    public async Task RequestAsync_DeniedSubject_ThrowsPermissionExceptionInsteadOfWaiting()
    {
        var error = await Assert.ThrowsAsync<NatsPermissionException>(
            () => Connection.RequestAsync("secret.query", "x"u8.ToArray(), timeout: TimeSpan.FromSeconds(10)));

        Assert.Contains("secret.query", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SubscribeAsync_DeniedSubject_ReadingThrowsPermissionException()
    {
        await using var subscription = await Connection.SubscribeAsync("secret.>");

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        var error = await Assert.ThrowsAsync<NatsPermissionException>(async () =>
        {
            await foreach (var unused in subscription.ReadAllAsync(timeout.Token))
            {
                Assert.Fail("no message expected");
            }
        });

        Assert.Contains("Subscription", error.Message, StringComparison.Ordinal);
        Assert.Equal(NatsConnectionState.Connected, Connection.State);
    }
}
