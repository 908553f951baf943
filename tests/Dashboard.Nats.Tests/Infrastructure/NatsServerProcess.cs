using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Dashboard.Nats.Tests.Infrastructure;

/// <summary>
/// A real <c>nats-server</c> on a free loopback port with JetStream in a temporary store folder.
/// Dispose kills the process tree and deletes the folder.
/// </summary>
public sealed class NatsServerProcess : IAsyncDisposable
{
    private readonly IReadOnlyList<string> _extraArgs;
    private readonly string? _configText;
    private readonly ConcurrentQueue<string> _output = new();
    private Process? _process;

    private NatsServerProcess(IReadOnlyList<string> extraArgs, string? configText)
    {
        _extraArgs = extraArgs;
        _configText = configText;
        Port = FreePort();
        StoreDir = Directory.CreateTempSubdirectory("nats-test-").FullName;
    }

    public int Port { get; private set; }

    public string StoreDir { get; }

    public string Url => $"nats://127.0.0.1:{Port}";

    public bool IsRunning => _process is { HasExited: false };

    /// <summary>Starts a server; <paramref name="extraArgs"/> such as <c>--auth token</c>; <paramref name="config"/> is a config file body.</summary>
    public static async Task<NatsServerProcess> StartAsync(IReadOnlyList<string>? extraArgs = null, string? config = null)
    {
        var server = new NatsServerProcess(extraArgs ?? [], config);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await server.StartAgainAsync().ConfigureAwait(false);
                return server;
            }
            catch (InvalidOperationException) when (attempt < 3 && server.PortWasTaken)
            {
                // The free port found earlier was taken by another process before the server bound it: take another.
                await server.StopAsync().ConfigureAwait(false);
                server.Port = FreePort();
            }
            catch
            {
                await server.DisposeAsync().ConfigureAwait(false);
                throw;
            }
        }
    }

    private bool PortWasTaken => _output.Any(line => line.Contains("address already in use", StringComparison.OrdinalIgnoreCase));

    /// <summary>Starts the process (again) on the same port and store folder and waits until the port accepts.</summary>
    public async Task StartAgainAsync()
    {
        var args = new List<string> { "-a", "127.0.0.1", "-p", Port.ToString(), "-js", "-sd", StoreDir };
        if (_configText is not null)
        {
            var configPath = Path.Combine(StoreDir, "server.conf");
            await File.WriteAllTextAsync(configPath, _configText).ConfigureAwait(false);
            args.InsertRange(0, ["-c", configPath]);
        }

        args.AddRange(_extraArgs);
        var info = new ProcessStartInfo(NatsServerBinary.Path)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        args.ForEach(info.ArgumentList.Add);
        _process = Process.Start(info) ?? throw new InvalidOperationException("nats-server did not start.");
        _output.Clear();
        _process.OutputDataReceived += (_, e) => Remember(e.Data);
        _process.ErrorDataReceived += (_, e) => Remember(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        await WaitForPortAsync(TimeSpan.FromSeconds(10)).ConfigureAwait(false);
    }

    /// <summary>Kills the server process and waits for it to exit.</summary>
    public async Task StopAsync()
    {
        var process = _process;
        _process = null;
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

            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10)).ConfigureAwait(false);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync().ConfigureAwait(false);
        try
        {
            Directory.Delete(StoreDir, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: temp folder.
        }
    }

    /// <summary>Keeps the server's last lines of output, for the error when it exits early.</summary>
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

    private async Task WaitForPortAsync(TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            if (_process is null || _process.HasExited)
            {
                _process?.WaitForExit(); // drains the redirected output, so the error below has the server's last lines
                throw new InvalidOperationException($"nats-server exited early with code {_process?.ExitCode}: {string.Join(" | ", _output)}");
            }

            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, Port).ConfigureAwait(false);
                return;
            }
            catch (SocketException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(25).ConfigureAwait(false);
            }
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
