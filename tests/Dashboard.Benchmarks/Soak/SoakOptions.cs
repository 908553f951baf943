using System.Globalization;

namespace Dashboard.Benchmarks.Soak;

/// <summary>The options of <c>Dashboard.Benchmarks soak</c>; every one is named in the error when it is missing or bad.</summary>
public sealed class SoakOptions
{
    public Uri BaseUrl { get; private set; } = new("http://127.0.0.1:5080");
    public string? Token { get; private set; }
    public string Route { get; private set; } = Load.BenchDefinitions.Route;
    public int Pid { get; private set; }
    public string Database { get; private set; } = "";
    public string Csv { get; private set; } = "soak.csv";
    public double Rate { get; private set; } = 2_700;
    public TimeSpan Duration { get; private set; } = TimeSpan.FromHours(1);
    public TimeSpan Sample { get; private set; } = TimeSpan.FromSeconds(60);
    public int Connections { get; private set; } = 256;
    public int MaxOutstanding { get; private set; } = 20_000;

    public static SoakOptions Parse(IReadOnlyList<string> args)
    {
        var o = new SoakOptions();
        for (var i = 0; i < args.Count; i += 2)
        {
            var value = i + 1 < args.Count ? args[i + 1] : throw new ArgumentException($"{args[i]} needs a value");
            switch (args[i])
            {
                case "--url": o.BaseUrl = new Uri(value); break;
                case "--token": o.Token = value; break;
                case "--route": o.Route = value; break;
                case "--pid": o.Pid = int.Parse(value, CultureInfo.InvariantCulture); break;
                case "--db": o.Database = value; break;
                case "--csv": o.Csv = value; break;
                case "--rate": o.Rate = double.Parse(value, CultureInfo.InvariantCulture); break;
                case "--seconds": o.Duration = TimeSpan.FromSeconds(double.Parse(value, CultureInfo.InvariantCulture)); break;
                case "--sample-seconds": o.Sample = TimeSpan.FromSeconds(double.Parse(value, CultureInfo.InvariantCulture)); break;
                case "--connections": o.Connections = int.Parse(value, CultureInfo.InvariantCulture); break;
                case "--max-outstanding": o.MaxOutstanding = int.Parse(value, CultureInfo.InvariantCulture); break;
                default: throw new ArgumentException($"unknown soak option {args[i]}");
            }
        }

        var errors = new List<string>();
        if (!o.BaseUrl.IsLoopback)
        {
            errors.Add("--url must be a loopback address");
        }

        if (o.Pid <= 0 || !Directory.Exists($"/proc/{o.Pid}"))
        {
            errors.Add("--pid must name the running app process");
        }

        if (o.Database.Length == 0)
        {
            errors.Add("--db (the app's dashboard.db) is required");
        }

        if (o.Rate <= 0 || o.Duration <= TimeSpan.Zero || o.Sample <= TimeSpan.Zero || o.Connections < 1 || o.MaxOutstanding < 1)
        {
            errors.Add("--rate, --seconds, --sample-seconds, --connections and --max-outstanding must be positive");
        }

        return errors.Count == 0 ? o : throw new ArgumentException(string.Join("; ", errors));
    }
}
