using System.Collections.Concurrent;
using Dashboard.Nats.Tests.Infrastructure;

namespace Dashboard.Nats.Tests.Core;

public sealed class ProtocolFailureTests
{
    [Fact]
    public async Task ReadLoop_MalformedLineFromServer_DisconnectsWithReasonAndReconnects()
    {
        await using var server = new FakeNatsServer(async (stream, number, ct) =>
        {
            if (number == 1)
            {
                await stream.WriteAsync("MSG only-two-args\r\n"u8.ToArray(), ct);
            }

            await FakeNatsServer.ServeAsync(stream, answerPings: true, ct);
        });
        var reasons = new ConcurrentQueue<string>();
        await using var connection = new NatsConnection(TestOptions.Fast with { Url = server.Url });
        connection.StateChanged += (_, e) =>
        {
            if (e.State == NatsConnectionState.Disconnected)
            {
                reasons.Enqueue(e.Reason ?? string.Empty);
            }
        };

        await connection.ConnectAsync();

        await Eventually.TrueAsync(() => server.Connections >= 2 && connection.State == NatsConnectionState.Connected, "reconnected");
        Assert.Contains(reasons, r => r.Contains("Malformed protocol line", StringComparison.Ordinal));
        await connection.FlushAsync();
    }

    [Fact]
    public async Task PingLoop_ServerStopsAnsweringPings_DisconnectsAsStaleAndReconnects()
    {
        await using var server = new FakeNatsServer((stream, number, ct) => FakeNatsServer.ServeAsync(stream, answerPings: number > 1, ct));
        var reasons = new ConcurrentQueue<string>();
        await using var connection = new NatsConnection(TestOptions.Fast with
        {
            Url = server.Url,
            PingInterval = TimeSpan.FromMilliseconds(100),
            MaxPingsOutstanding = 2,
        });
        connection.StateChanged += (_, e) => reasons.Enqueue(e.Reason ?? string.Empty);

        await connection.ConnectAsync();

        await Eventually.TrueAsync(() => server.Connections >= 2 && connection.State == NatsConnectionState.Connected, "reconnected");
        Assert.Contains(reasons, r => r.Contains("Stale connection", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ConnectAsync_ServerNeverAnswersHandshake_TimesOutWithClearError()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        await using var connection = new NatsConnection(TestOptions.Fast with
        {
            Url = $"nats://127.0.0.1:{port}",
            ConnectTimeout = TimeSpan.FromMilliseconds(300),
        });

        var error = await Assert.ThrowsAsync<NatsConnectionException>(() => connection.ConnectAsync());

        Assert.Contains("timed out", error.Message, StringComparison.Ordinal);
    }
}
