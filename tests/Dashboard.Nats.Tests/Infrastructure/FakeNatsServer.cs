using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Dashboard.Nats.Tests.Infrastructure;

/// <summary>
/// A scripted loopback server that speaks just enough of the protocol to complete the handshake,
/// then lets a test misbehave (send garbage, ignore PINGs). Connection numbers start at 1.
/// </summary>
internal sealed class FakeNatsServer : IAsyncDisposable
{
    private const string Info = """INFO {"server_id":"FAKE","version":"2.9.10","proto":1,"headers":true,"max_payload":1048576}""";
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _cts = new();
    private readonly Func<Stream, int, CancellationToken, Task> _afterHandshake;
    private readonly Task _acceptLoop;
    private int _connections;

    public FakeNatsServer(Func<Stream, int, CancellationToken, Task> afterHandshake)
    {
        _afterHandshake = afterHandshake;
        _listener.Start();
        _acceptLoop = AcceptAsync();
    }

    public string Url => $"nats://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}";

    public int Connections => Volatile.Read(ref _connections);

    /// <summary>Reads until the client closes, answering PINGs when <paramref name="answerPings"/>.</summary>
    public static async Task ServeAsync(Stream stream, bool answerPings, CancellationToken cancellationToken)
    {
        var buffer = new byte[4096];
        var text = new StringBuilder();
        while (await stream.ReadAsync(buffer, cancellationToken) is var read and > 0)
        {
            text.Append(Encoding.ASCII.GetString(buffer, 0, read));
            var pings = CountAndTrim(text);
            for (var i = 0; answerPings && i < pings; i++)
            {
                await stream.WriteAsync("PONG\r\n"u8.ToArray(), cancellationToken);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _cts.CancelAsync();
        _listener.Stop();
        await _acceptLoop.ContinueWith(_ => { }, TaskScheduler.Default);
        _cts.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_cts.IsCancellationRequested)
        {
            var client = await _listener.AcceptTcpClientAsync(_cts.Token);
            _ = HandleAsync(client, Interlocked.Increment(ref _connections));
        }
    }

    private async Task HandleAsync(TcpClient client, int number)
    {
        using (client)
        {
            try
            {
                var stream = client.GetStream();
                await stream.WriteAsync(Encoding.ASCII.GetBytes(Info + "\r\n"), _cts.Token);
                var received = new StringBuilder();
                var buffer = new byte[4096];
                while (!received.ToString().Contains("PING\r\n", StringComparison.Ordinal))
                {
                    var read = await stream.ReadAsync(buffer, _cts.Token);
                    if (read == 0)
                    {
                        return;
                    }

                    received.Append(Encoding.ASCII.GetString(buffer, 0, read));
                }

                await stream.WriteAsync("PONG\r\n"u8.ToArray(), _cts.Token);
                await _afterHandshake(stream, number, _cts.Token);
            }
            catch (Exception ex) when (ex is IOException or OperationCanceledException or SocketException)
            {
                // Client went away or the test ended.
            }
        }
    }

    private static int CountAndTrim(StringBuilder text)
    {
        var all = text.ToString();
        var count = 0;
        var index = 0;
        while ((index = all.IndexOf("PING\r\n", index, StringComparison.Ordinal)) >= 0)
        {
            count++;
            index += 6;
        }

        var lastNewline = all.LastIndexOf('\n');
        text.Remove(0, lastNewline + 1);
        return count;
    }
}
