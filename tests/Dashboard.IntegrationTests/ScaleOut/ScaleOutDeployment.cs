using Dashboard.Testing;
using Xunit.Abstractions;
using static Dashboard.IntegrationTests.Eventing.EventingTestKit;

namespace Dashboard.IntegrationTests.ScaleOut;

/// <summary>
/// A three-node NATS cluster with an owner (instance "owner", Runtime:ScaleOut) and a worker (instance "worker")
/// in process, both connected to node n1 first so that killing n1 makes both fail over. Streams have three replicas.
/// </summary>
internal sealed class ScaleOutDeployment : IAsyncDisposable
{
    private readonly Dictionary<string, string> _ownerSettings;
    private bool _ownerStopped;

    private ScaleOutDeployment(NatsTestCluster cluster, DashboardHost owner, DashboardHost worker, Dictionary<string, string> ownerSettings)
    {
        Cluster = cluster;
        Owner = owner;
        Worker = worker;
        _ownerSettings = ownerSettings;
    }

    public NatsTestCluster Cluster { get; }

    /// <summary>The owner; after <see cref="StartOwnerAgainAsync"/> the new instance on the same data folder.</summary>
    public DashboardHost Owner { get; private set; }

    public DashboardHost Worker { get; }

    public static async Task<ScaleOutDeployment> StartAsync(IReadOnlyDictionary<string, string>? ownerSettings = null)
    {
        var cluster = await NatsTestCluster.StartAsync();
        DashboardHost? owner = null;
        try
        {
            var settings = Settings(cluster, "owner", ownerSettings, ("Runtime:ScaleOut", "true"));
            owner = await StartHostAsync(settings);
            var worker = await StartWorkerAsync(cluster, "worker");
            return new ScaleOutDeployment(cluster, owner, worker, settings);
        }
        catch
        {
            if (owner is not null)
            {
                await owner.DisposeAsync();
            }

            await cluster.DisposeAsync();
            throw;
        }
    }

    /// <summary>Another worker instance on the same cluster, disposed by the caller.</summary>
    public Task<DashboardHost> StartWorkerAsync(string instance) => StartWorkerAsync(Cluster, instance);

    /// <summary>Stops the owner and keeps its data folder; workers and the cluster go on.</summary>
    public async Task StopOwnerAsync()
    {
        await Owner.StopKeepingDataAsync();
        _ownerStopped = true;
    }

    /// <summary>Starts the owner again on its data folder, with the settings it first started with.</summary>
    public async Task StartOwnerAgainAsync()
    {
        Owner = await StartHostAsync(_ownerSettings, Owner.DataPath);
        _ownerStopped = false;
    }

    /// <summary>Stops the worker the way a shutdown would: runs it was executing stay Running on the owner.</summary>
    public Task StopWorkerAsync() => Worker.App.StopAsync();

    /// <summary>Writes both instances' warnings and errors to the test output, to explain a failure.</summary>
    public void WriteWarnings(ITestOutputHelper output)
    {
        foreach (var (name, host) in new[] { ("owner", Owner), ("worker", Worker) })
        {
            foreach (var line in host.Logs.Lines.Where(l => l.StartsWith("Warning", StringComparison.Ordinal) || l.StartsWith("Error", StringComparison.Ordinal)).TakeLast(40))
            {
                output.WriteLine($"[{name}] {line}");
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Worker.DisposeAsync();
        if (!_ownerStopped)
        {
            await Owner.DisposeAsync();
        }

        await Cluster.DisposeAsync();
    }

    private static Task<DashboardHost> StartWorkerAsync(NatsTestCluster cluster, string instance) =>
        StartHostAsync(Settings(cluster, instance, null, ("Runtime:Role", "Worker")));

    private static Dictionary<string, string> Settings(
        NatsTestCluster cluster, string instance, IReadOnlyDictionary<string, string>? extra, (string Key, string Value) role)
    {
        var settings = new Dictionary<string, string>
        {
            ["Eventing:Mode"] = "Nats",
            ["Eventing:Nats:Url"] = cluster.UrlsStartingAt(0),
            ["Eventing:Nats:Replicas"] = "3",
            ["Runtime:InstanceName"] = instance,
            [role.Key] = role.Value,
        };
        foreach (var (key, value) in extra ?? new Dictionary<string, string>())
        {
            settings[key] = value;
        }

        return settings;
    }
}
