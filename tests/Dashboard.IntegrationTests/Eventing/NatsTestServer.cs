using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Dashboard.Runtime.Eventing;

namespace Dashboard.IntegrationTests.Eventing;

/// <summary>
/// A real <c>nats-server</c> on a free loopback port with JetStream in a temporary folder. It can be created stopped
/// (to test fallback), started, stopped and started again on the same port. Dispose kills it and deletes the folder.
/// </summary>
public sealed class NatsTestServer : IAsyncDisposable
{
    private Process? _process;

    private NatsTestServer()
    {
        Port = FreePort();
        StoreDir = Directory.CreateTempSubdirectory("dashboard-nats-").FullName;
    }

    public int Port { get; }

    public string StoreDir { get; }

    public string Url => $"nats://127.0.0.1:{Port}";

    /// <summary>A server that is not running yet; call <see cref="StartAsync"/>.</summary>
    public static NatsTestServer Create() => new();

    public static async Task<NatsTestServer> StartNewAsync()
    {
        var server = new NatsTestServer();
        try
        {
            await server.StartAsync();
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    /// <summary>The executable, or a failure that says how to install it.</summary>
    public static string Executable => LocalNatsServer.Resolve("nats-server")
        ?? throw new InvalidOperationException("nats-server is not installed. Run: apt-get update && apt-get install -y nats-server");

    public async Task StartAsync()
    {
        var info = new ProcessStartInfo(Executable) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { "-a", "127.0.0.1", "-p", Port.ToString(), "-js", "-sd", StoreDir })
        {
            info.ArgumentList.Add(arg);
        }

        _process = Process.Start(info) ?? throw new InvalidOperationException("nats-server did not start.");
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"nats-server exited early with code {_process.ExitCode}.");
            }

            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, Port);
                return;
            }
            catch (SocketException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(25);
            }
        }
    }

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

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
