using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Dashboard.Runtime.Nats.Eventing;

namespace Dashboard.IntegrationTests.Eventing;

/// <summary>
/// The one helper that starts a <c>nats-server</c> for tests (single servers and cluster nodes): picks free loopback
/// ports, starts the process with its output drained and remembered, waits until the client port accepts, and kills it.
/// A free port can be taken by another process before the server binds it; <see cref="StartWithFreePortsAsync"/> then
/// starts again on new ports.
/// </summary>
internal sealed class NatsServerProcess(string name) : IAsyncDisposable
{
    private const int Attempts = 3;
    private readonly ConcurrentQueue<string> _output = new();
    private Process? _process;

    /// <summary>The executable, or a failure that says how to install it.</summary>
    public static string Executable => LocalNatsServer.Resolve("nats-server")
        ?? throw new InvalidOperationException("nats-server is not installed. Run: apt-get update && apt-get install -y nats-server");

    public bool IsRunning => _process is { HasExited: false };

    /// <summary>True when the last start failed because a port was already in use.</summary>
    public bool PortWasTaken => _output.Any(line => line.Contains("address already in use", StringComparison.OrdinalIgnoreCase));

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>
    /// Runs <paramref name="start"/> with newly chosen ports until it succeeds, choosing again (up to three times) when
    /// the failure was a port taken before the server bound it. <paramref name="choosePorts"/> picks the ports.
    /// </summary>
    public static async Task<T> StartWithFreePortsAsync<T>(Func<T> choosePorts, Func<T, Task> start, Func<T, bool> portWasTaken, Func<T, Task> cleanUp)
    {
        for (var attempt = 1; ; attempt++)
        {
            var candidate = choosePorts();
            try
            {
                await start(candidate);
                return candidate;
            }
            catch (InvalidOperationException) when (attempt < Attempts && portWasTaken(candidate))
            {
                await cleanUp(candidate);
            }
            catch
            {
                await cleanUp(candidate);
                throw;
            }
        }
    }

    /// <summary>Starts the server and waits until <paramref name="port"/> accepts connections.</summary>
    public async Task StartAsync(IEnumerable<string> args, int port, TimeSpan timeout)
    {
        var info = new ProcessStartInfo(Executable) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        _output.Clear();
        _process = Process.Start(info) ?? throw new InvalidOperationException("nats-server did not start.");
        _process.OutputDataReceived += (_, e) => Remember(e.Data);
        _process.ErrorDataReceived += (_, e) => Remember(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        await WaitListeningAsync(port, timeout);
    }

    /// <summary>Kills the process (if any) and waits for it to exit.</summary>
    public async Task StopAsync()
    {
        var process = Interlocked.Exchange(ref _process, null);
        if (process is null)
        {
            return;
        }

        using (process)
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }

            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10));
        }
    }

    public async ValueTask DisposeAsync() => await StopAsync();

    private async Task WaitListeningAsync(int port, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            if (_process is not { } process || process.HasExited)
            {
                _process?.WaitForExit(); // drains the redirected output, so the error has the server's last lines
                throw new InvalidOperationException(
                    $"nats-server {name} exited early with code {_process?.ExitCode}: {string.Join(" | ", _output)}");
            }

            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, port);
                return;
            }
            catch (SocketException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(25);
            }
        }
    }

    private void Remember(string? line)
    {
        if (line is null)
        {
            return;
        }

        _output.Enqueue(line);
        while (_output.Count > 20 && _output.TryDequeue(out _))
        {
        }
    }
}
