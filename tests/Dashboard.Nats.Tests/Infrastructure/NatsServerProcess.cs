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
    private Process? _process;

    private NatsServerProcess(IReadOnlyList<string> extraArgs, string? configText)
    {
        _extraArgs = extraArgs;
        _configText = configText;
        Port = FreePort();
        StoreDir = Directory.CreateTempSubdirectory("nats-test-").FullName;
    }

    public int Port { get; }

    public string StoreDir { get; }

    public string Url => $"nats://127.0.0.1:{Port}";

    public bool IsRunning => _process is { HasExited: false };

    /// <summary>Starts a server; <paramref name="extraArgs"/> such as <c>--auth token</c>; <paramref name="config"/> is a config file body.</summary>
    public static async Task<NatsServerProcess> StartAsync(IReadOnlyList<string>? extraArgs = null, string? config = null)
    {
        var server = new NatsServerProcess(extraArgs ?? [], config);
        try
        {
            await server.StartAgainAsync().ConfigureAwait(false);
            return server;
        }
        catch
        {
            await server.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

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
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
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

    private async Task WaitForPortAsync(TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            if (_process is null || _process.HasExited)
            {
                throw new InvalidOperationException($"nats-server exited early with code {_process?.ExitCode}.");
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
