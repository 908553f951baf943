using System.Globalization;

namespace Dashboard.Benchmarks;

/// <summary>Command-line options; every load loop is bounded by <see cref="Duration"/> and by a request count.</summary>
public sealed class BenchOptions
{
    public Uri BaseUrl { get; private set; } = new("http://127.0.0.1:5080");
    public int? AppPid { get; private set; }
    public string? DataPath { get; private set; }
    public string? Token { get; private set; }
    public string? ViewerUser { get; private set; }
    public string? ViewerPassword { get; private set; }
    public TimeSpan Duration { get; private set; } = TimeSpan.FromSeconds(10);
    public int Runs { get; private set; } = 3;
    public int Connections { get; private set; } = 64;
    public int FixedRate { get; private set; } = 5_000;
    public int BatchSize { get; private set; } = 100;
    public long MemoryEvents { get; private set; } = 1_000_000;
    public int Viewers { get; private set; } = 20;
    public int HubClients { get; private set; } = 50;
    public int LiveRate { get; private set; } = 1_000;
    public int SyncRate { get; private set; } = 1_000;
    public Uri? NatsUrl { get; private set; }
    public int? NatsPid { get; private set; }
    public string? NatsDataPath { get; private set; }
    public Uri? AmqpUrl { get; private set; }
    public int AmqpEvents { get; private set; } = 50_000;
    public string? Only { get; private set; }
    public string Output { get; private set; } = "bench-results.md";

    public static BenchOptions Parse(string[] args)
    {
        var o = new BenchOptions();
        for (var i = 0; i < args.Length; i++)
        {
            var value = i + 1 < args.Length ? args[i + 1] : throw new ArgumentException($"{args[i]} needs a value");
            i++;
            switch (args[i - 1])
            {
                case "--url": o.BaseUrl = new Uri(value); break;
                case "--pid": o.AppPid = int.Parse(value, CultureInfo.InvariantCulture); break;
                case "--data": o.DataPath = value; break;
                case "--token": o.Token = value; break;
                case "--viewer-user": o.ViewerUser = value; break;
                case "--viewer-password": o.ViewerPassword = value; break;
                case "--duration": o.Duration = TimeSpan.FromSeconds(double.Parse(value, CultureInfo.InvariantCulture)); break;
                case "--runs": o.Runs = Math.Max(1, int.Parse(value, CultureInfo.InvariantCulture)); break;
                case "--connections": o.Connections = int.Parse(value, CultureInfo.InvariantCulture); break;
                case "--rate": o.FixedRate = int.Parse(value, CultureInfo.InvariantCulture); break;
                case "--batch": o.BatchSize = int.Parse(value, CultureInfo.InvariantCulture); break;
                case "--memory-events": o.MemoryEvents = long.Parse(value, CultureInfo.InvariantCulture); break;
                case "--viewers": o.Viewers = int.Parse(value, CultureInfo.InvariantCulture); break;
                case "--hub-clients": o.HubClients = int.Parse(value, CultureInfo.InvariantCulture); break;
                case "--live-rate": o.LiveRate = int.Parse(value, CultureInfo.InvariantCulture); break;
                case "--sync-rate": o.SyncRate = int.Parse(value, CultureInfo.InvariantCulture); break;
                case "--nats-url": o.NatsUrl = new Uri(value); break;
                case "--nats-pid": o.NatsPid = int.Parse(value, CultureInfo.InvariantCulture); break;
                case "--nats-data": o.NatsDataPath = value; break;
                case "--amqp-url": o.AmqpUrl = new Uri(value); break;
                case "--amqp-events": o.AmqpEvents = Math.Max(1, int.Parse(value, CultureInfo.InvariantCulture)); break;
                case "--only": o.Only = value; break;
                case "--out": o.Output = value; break;
                default: throw new ArgumentException($"unknown option {args[i - 1]}");
            }
        }

        if (!o.BaseUrl.IsLoopback || o.NatsUrl is { IsLoopback: false } || o.AmqpUrl is { IsLoopback: false })
        {
            throw new ArgumentException("--url, --nats-url and --amqp-url must be loopback addresses: load is only ever sent to 127.0.0.1.");
        }

        return o;
    }
}
