using Dashboard.IntegrationTests.Eventing;
using NATS.Client.Core;
using NATS.Client.JetStream;
using NATS.Client.JetStream.Models;

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
        _nodes = [.. Enumerable.Range(1, 3).Select(i => new Node($"n{i}", NatsServerProcess.FreePort(), NatsServerProcess.FreePort(),
            Directory.CreateTempSubdirectory($"dashboard-nats-n{i}-").FullName))];
    }

    /// <summary>Every node's client URL, comma-separated (the form of Eventing:Nats:Url).</summary>
    public string Urls => string.Join(',', _nodes.Select(n => n.Url));

    public string Url(int node) => _nodes[node].Url;

    /// <summary>All URLs, starting with <paramref name="first"/>'s, so a client connects there first and fails over to the others.</summary>
    public string UrlsStartingAt(int first) => string.Join(',', _nodes.Skip(first).Concat(_nodes.Take(first)).Select(n => n.Url));

    /// <summary>Starts the three nodes; when a chosen port was taken before a node bound it, starts again on new ports.</summary>
    public static Task<NatsTestCluster> StartAsync() =>
        NatsServerProcess.StartWithFreePortsAsync(
            () => new NatsTestCluster(),
            async cluster =>
            {
                foreach (var node in cluster._nodes)
                {
                    await node.StartAsync(cluster._nodes.Where(other => other != node).Select(other => other.RoutePort));
                }

                await cluster.WaitJetStreamReadyAsync();
            },
            cluster => cluster._nodes.Any(node => node.PortWasTaken),
            async cluster => await cluster.DisposeAsync());

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
                await using var connection = new NatsConnection(new NatsOpts { Url = Urls, RequestTimeout = TimeSpan.FromSeconds(5) });
                await connection.ConnectAsync();
                var jetStream = new NatsJSContext(connection);
                await jetStream.CreateStreamAsync(new StreamConfig("READY_CHECK", ["ready.check"]) { NumReplicas = 3, Storage = StreamConfigStorage.File });
                await jetStream.DeleteStreamAsync("READY_CHECK");
                return;
            }
            catch (Exception ex) when (ex is NatsException or TimeoutException or OperationCanceledException)
            {
                last = ex.Message;
            }

            await Task.Delay(250);
        }

        throw new TimeoutException($"The NATS cluster had no JetStream meta leader within 60 s: {last}");
    }

    private sealed class Node(string name, int port, int routePort, string storeDir)
    {
        private readonly NatsServerProcess _process = new(name);

        public bool PortWasTaken => _process.PortWasTaken;

        public int RoutePort => routePort;

        public string StoreDir => storeDir;

        public string Url => $"nats://127.0.0.1:{port}";

        public Task StartAsync(IEnumerable<int> routes) => _process.StartAsync(
        [
            "-n", name, "-a", "127.0.0.1", "-p", port.ToString(), "-js", "-sd", storeDir,
            "--cluster_name", "c1", "--cluster", $"nats://127.0.0.1:{routePort}",
            "--routes", string.Join(',', routes.Select(r => $"nats://127.0.0.1:{r}")),
        ], port, TimeSpan.FromSeconds(20));

        public Task StopAsync() => _process.StopAsync();
    }
}
