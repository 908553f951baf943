using System.Globalization;
using Dashboard.Benchmarks.Load;
using Dashboard.Benchmarks.Scenarios;

namespace Dashboard.Benchmarks.Profile;

/// <summary>
/// <c>drive --url U --token T [--route bench/orders] [--count 50000] [--connections 64] [--data DIR]</c>: sends exactly
/// <c>count</c> binary single events closed loop, then (with <c>--data</c>) waits until their runs finished. Meant to run
/// under <c>perf stat -p APP_PID</c>, so a counter such as instructions can be divided by a known number of events.
/// </summary>
public static class DriveCommand
{
    public static async Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var values = Parse(args);
        var url = new Uri(values.GetValueOrDefault("--url") ?? "http://127.0.0.1:5080");
        var count = long.Parse(values.GetValueOrDefault("--count") ?? "50000", CultureInfo.InvariantCulture);
        var connections = int.Parse(values.GetValueOrDefault("--connections") ?? "64", CultureInfo.InvariantCulture);
        var route = values.GetValueOrDefault("--route") ?? BenchDefinitions.Route;
        var requests = new CloudEventRequests(url, values.GetValueOrDefault("--token"), $"d{Environment.ProcessId}-{DateTime.UtcNow:HHmmss}", route);

        var result = await ClosedLoop.RunAsync(requests.Binary, connections, TimeSpan.FromHours(1), count, cancellationToken);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"ok {result.Ok} of {count}: {result.OkPerSecond:N0} ok/s over {result.Elapsed.TotalSeconds:N1} s, {result.Errors} other answers or errors"));
        if (values.GetValueOrDefault("--data") is { } data)
        {
            var context = new BenchContext(BenchOptions.Parse(["--data", data]));
            await context.WaitForRunsToDrainAsync(TimeSpan.FromSeconds(120), cancellationToken);
            Console.WriteLine("runs drained");
        }

        return result.Errors == 0 ? 0 : 1;
    }

    private static Dictionary<string, string> Parse(string[] args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            values[args[i]] = args[i + 1];
        }

        return values;
    }
}
