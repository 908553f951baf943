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
    private ScaleOutDeployment(NatsTestCluster cluster, DashboardHost owner, DashboardHost worker)
    {
        Cluster = cluster;
        Owner = owner;
        Worker = worker;
    }

    public NatsTestCluster Cluster { get; }

    public DashboardHost Owner { get; }

    public DashboardHost Worker { get; }

    public static async Task<ScaleOutDeployment> StartAsync(IReadOnlyDictionary<string, string>? ownerSettings = null)
    {
        var cluster = await NatsTestCluster.StartAsync();
        DashboardHost? owner = null;
        try
        {
            owner = await StartHostAsync(Settings(cluster, "owner", ownerSettings, ("Runtime:ScaleOut", "true")));
            var worker = await StartHostAsync(Settings(cluster, "worker", null, ("Runtime:Role", "Worker")));
            return new ScaleOutDeployment(cluster, owner, worker);
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
        await Owner.DisposeAsync();
        await Cluster.DisposeAsync();
    }

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
