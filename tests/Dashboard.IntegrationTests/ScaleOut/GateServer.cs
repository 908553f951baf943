using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Dashboard.IntegrationTests.ScaleOut;

/// <summary>
/// A loopback HTTP endpoint that holds every request until <see cref="Open"/> is called, then answers 200: an http step
/// calling it keeps its run Running for as long as the test wants. <see cref="Slow"/> makes one that is open from the start
/// and answers each request after a fixed delay: a step that keeps a worker busy for that long.
/// </summary>
internal sealed class GateServer : IAsyncDisposable
{
    private readonly TimeSpan _answerDelay;
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly TaskCompletionSource _open = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accepting;
    private int _requests;

    public GateServer()
        : this(TimeSpan.Zero)
    {
    }

    private GateServer(TimeSpan answerDelay)
    {
        _answerDelay = answerDelay;
        _listener.Start();
        _accepting = AcceptAsync();
    }

    /// <summary>An open gate that answers every request after <paramref name="answerDelay"/>.</summary>
    public static GateServer Slow(TimeSpan answerDelay)
    {
        var gate = new GateServer(answerDelay);
        gate.Open();
        return gate;
    }

    public string Url => $"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/gate";

    /// <summary>Requests received so far (held or answered).</summary>
    public int Requests => Volatile.Read(ref _requests);

    public void Open() => _open.TrySetResult();

    public async ValueTask DisposeAsync()
    {
        _open.TrySetResult();
        await _stop.CancelAsync();
        _listener.Stop();
        try
        {
            await _accepting;
        }
        catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
        {
        }

        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            var client = await _listener.AcceptTcpClientAsync(_stop.Token);
            _ = AnswerAsync(client);
        }
    }

    private async Task AnswerAsync(TcpClient client)
    {
        using (client)
        {
            try
            {
                var stream = client.GetStream();
                var buffer = new byte[8192];
                var request = new StringBuilder();
                while (!request.ToString().Contains("\r\n\r\n", StringComparison.Ordinal))
                {
                    var read = await stream.ReadAsync(buffer, _stop.Token);
                    if (read == 0)
                    {
                        return;
                    }

                    request.Append(Encoding.ASCII.GetString(buffer, 0, read));
                }

                Interlocked.Increment(ref _requests);
                await _open.Task.WaitAsync(_stop.Token);
                if (_answerDelay > TimeSpan.Zero)
                {
                    await Task.Delay(_answerDelay, _stop.Token);
                }

                await stream.WriteAsync("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok"u8.ToArray(), _stop.Token);
            }
            catch (Exception ex) when (ex is IOException or OperationCanceledException or SocketException)
            {
            }
        }
    }
}
