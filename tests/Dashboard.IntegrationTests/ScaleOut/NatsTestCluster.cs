using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Dashboard.IntegrationTests.Eventing;
using Dashboard.Nats;
using Dashboard.Nats.JetStream;

namespace Dashboard.IntegrationTests.ScaleOut;

/// <summary>
/// A three-node <c>nats-server</c> cluster on loopback: free client and route ports, JetStream with its own store folder
/// per node, routes to the other two. Ready once JetStream has a meta leader and accepts a three-replica stream.
/// </summary>
public sealed class NatsTestCluster : IAsyncDisposable
{
    private readonly List<Node> _nodes;

    private NatsTestCluster()
    {
        _nodes = [.. Enumerable.Range(1, 3).Select(i => new Node($"n{i}", NatsTestServer.FreePort(), NatsTestServer.FreePort(),
            Directory.CreateTempSubdirectory($"dashboard-nats-n{i}-").FullName))];
    }

    /// <summary>Every node's client URL, comma-separated (the form of Eventing:Nats:Url).</summary>
    public string Urls => string.Join(',', _nodes.Select(n => n.Url));

    public string Url(int node) => _nodes[node].Url;

    /// <summary>All URLs, starting with <paramref name="first"/>'s, so a client connects there first and fails over to the others.</summary>
    public string UrlsStartingAt(int first) => string.Join(',', _nodes.Skip(first).Concat(_nodes.Take(first)).Select(n => n.Url));

    public static async Task<NatsTestCluster> StartAsync()
    {
        var cluster = new NatsTestCluster();
        try
        {
            foreach (var node in cluster._nodes)
            {
                node.Start(cluster._nodes.Where(other => other != node).Select(other => other.RoutePort));
            }

            foreach (var node in cluster._nodes)
            {
                await node.WaitListeningAsync();
            }

            await cluster.WaitJetStreamReadyAsync();
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    /// <summary>SIGKILL one node, like a crashed host.</summary>
    public Task KillAsync(int node) => _nodes[node].StopAsync();

    public async ValueTask DisposeAsync()
    {
        foreach (var node in _nodes)
        {
            await node.StopAsync();
            try
            {
                Directory.Delete(node.StoreDir, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }

    private async Task WaitJetStreamReadyAsync()
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        string? last = null;
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                await using var connection = new NatsConnection(new NatsOptions { Url = Urls, RequestTimeout = TimeSpan.FromSeconds(5) });
                await connection.ConnectAsync();
                var jetStream = new NatsJetStream(connection);
                await jetStream.CreateStreamAsync(new StreamConfig { Name = "READY_CHECK", Subjects = ["ready.check"], NumReplicas = 3, Storage = StorageType.File });
                await jetStream.DeleteStreamAsync("READY_CHECK");
                return;
            }
            catch (Exception ex) when (ex is NatsException or TimeoutException)
            {
                last = ex.Message;
            }

            await Task.Delay(250);
        }

        throw new TimeoutException($"The NATS cluster had no JetStream meta leader within 60 s: {last}");
    }

    private sealed class Node(string name, int port, int routePort, string storeDir)
    {
        private Process? _process;

        public int RoutePort => routePort;

        public string StoreDir => storeDir;

        public string Url => $"nats://127.0.0.1:{port}";

        public void Start(IEnumerable<int> routes) => _process = NatsServerProcess.Start(
        [
            "-n", name, "-a", "127.0.0.1", "-p", port.ToString(), "-js", "-sd", storeDir,
            "--cluster_name", "c1", "--cluster", $"nats://127.0.0.1:{routePort}",
            "--routes", string.Join(',', routes.Select(r => $"nats://127.0.0.1:{r}")),
        ]);

        public Task WaitListeningAsync() => _process is null
            ? throw new InvalidOperationException($"nats-server {name} is not started.")
            : NatsServerProcess.WaitListeningAsync(_process, port, name, TimeSpan.FromSeconds(20));

        public Task StopAsync() => NatsServerProcess.StopAsync(Interlocked.Exchange(ref _process, null));
    }
}
