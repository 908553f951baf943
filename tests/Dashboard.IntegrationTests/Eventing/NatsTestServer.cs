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
        _process = NatsServerProcess.Start(["-a", "127.0.0.1", "-p", Port.ToString(), "-js", "-sd", StoreDir]);
        await NatsServerProcess.WaitListeningAsync(_process, Port, "test server", TimeSpan.FromSeconds(10));
    }

    public Task StopAsync() => NatsServerProcess.StopAsync(Interlocked.Exchange(ref _process, null));

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
