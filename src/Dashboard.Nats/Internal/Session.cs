using System.Net.Sockets;
using System.Text;
using System.Text.Json;

namespace Dashboard.Nats.Internal;

/// <summary>One TCP (or TLS) connection to the server, from handshake until it fails or is cancelled.</summary>
internal sealed class Session : IDisposable
{
    private readonly TcpClient _tcp;
    private readonly Stream _stream;
    private readonly ProtocolReader _reader;

    private Session(TcpClient tcp, Stream stream, ProtocolReader reader, NatsServerInfo info)
    {
        _tcp = tcp;
        _stream = stream;
        _reader = reader;
        Info = info;
    }

    public NatsServerInfo Info { get; }

    public static async Task<Session> ConnectAsync(NatsOptions options, ServerEndpoint endpoint, CancellationToken cancellationToken)
    {
        var tcp = new TcpClient { NoDelay = true };
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.ConnectTimeout);
        try
        {
            await tcp.ConnectAsync(endpoint.Host, endpoint.Port, timeout.Token).ConfigureAwait(false);
            var (stream, reader, info) = await Handshake.RunAsync(tcp.GetStream(), options, endpoint, timeout.Token).ConfigureAwait(false);
            return new Session(tcp, stream, reader, info);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            tcp.Dispose();
            throw new NatsConnectionException(
                $"Connecting to {endpoint.Host}:{endpoint.Port} timed out after {options.ConnectTimeout.TotalSeconds:0.#} s.");
        }
        catch (Exception ex) when (ex is SocketException or IOException)
        {
            tcp.Dispose();
            throw new NatsConnectionException($"Cannot connect to {endpoint.Host}:{endpoint.Port}: {ex.Message}", ex);
        }
        catch
        {
            tcp.Dispose();
            throw;
        }
    }

    /// <summary>Runs reading, writing and keep-alive until one fails; returns the failure.</summary>
    public async Task<Exception> RunAsync(ISessionHost host, NatsOptions options, CancellationToken cancellationToken)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var read = ReadLoopAsync(host, cts.Token);
        var write = host.Writer.RunAsync(_stream, cts.Token);
        var ping = PingLoopAsync(host, options, cts.Token);
        var first = await Task.WhenAny(read, write, ping).ConfigureAwait(false);
        host.Writer.Deactivate();
        await cts.CancelAsync().ConfigureAwait(false);
        Dispose();
        try
        {
            await Task.WhenAll(read, write, ping).ConfigureAwait(false);
        }
        catch (Exception)
        {
            // Already reported through the first task to finish.
        }

        return first.Exception?.InnerException
            ?? new NatsConnectionException(cancellationToken.IsCancellationRequested ? "The connection was closed." : "The connection ended.");
    }

    public void Dispose()
    {
        _stream.Dispose();
        _tcp.Dispose();
    }

    internal static NatsServerInfo ParseInfo(ReadOnlySpan<byte> json) =>
        JsonSerializer.Deserialize(json, CoreJsonContext.Default.NatsServerInfo)
        ?? throw new NatsProtocolException("INFO has no content.");

    internal static string ErrorText(ReadOnlySpan<byte> text) => Encoding.UTF8.GetString(text).Trim().Trim('\'');

    private async Task ReadLoopAsync(ISessionHost host, CancellationToken cancellationToken)
    {
        await Task.Yield();
        try
        {
            while (true)
            {
                var op = await _reader.ReadAsync(cancellationToken).ConfigureAwait(false);
                switch (op.Kind)
                {
                    case ServerOpKind.Msg:
                    case ServerOpKind.HMsg:
                        host.OnMessage(_reader, op);
                        break;
                    case ServerOpKind.Ping:
                        host.Writer.TryWriteRaw("PONG\r\n"u8, onlyIfConnected: true);
                        break;
                    case ServerOpKind.Pong:
                        host.Pongs.OnPong();
                        break;
                    case ServerOpKind.Info:
                        host.OnInfo(ParseInfo(_reader.Slice(op.Text)));
                        break;
                    case ServerOpKind.Err:
                        var message = ErrorText(_reader.Slice(op.Text));
                        if (host.OnServerError(message))
                        {
                            throw new NatsConnectionException($"Server error: {message}");
                        }

                        break;
                }
            }
        }
        finally
        {
            _reader.Dispose();
        }
    }

    private static async Task PingLoopAsync(ISessionHost host, NatsOptions options, CancellationToken cancellationToken)
    {
        if (options.PingInterval <= TimeSpan.Zero)
        {
            await Task.Delay(Timeout.Infinite, cancellationToken).ConfigureAwait(false);
            return;
        }

        using var timer = new PeriodicTimer(options.PingInterval);
        while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
        {
            if (host.Pongs.Outstanding >= options.MaxPingsOutstanding)
            {
                throw new NatsConnectionException($"Stale connection: {host.Pongs.Outstanding} PINGs without a PONG.");
            }

            _ = host.Pongs.Ping(host.Writer, keepAlive: true);
        }
    }
}
