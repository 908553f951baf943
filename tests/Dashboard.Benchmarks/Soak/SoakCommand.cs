using System.Diagnostics;
using Dashboard.Benchmarks.Load;
using Dashboard.Benchmarks.Measure;

namespace Dashboard.Benchmarks.Soak;

/// <summary>
/// <c>Dashboard.Benchmarks soak …</c>: routed structured CloudEvents at a fixed rate (open loop) for a long time, a CSV
/// row per sample interval (see <see cref="SoakSample"/>) and one more after the last answers came in. The trend check
/// is scripts/stress/soak.py, which reads that CSV.
/// </summary>
public static class SoakCommand
{
    public static async Task<int> RunAsync(IReadOnlyList<string> args, CancellationToken cancellationToken)
    {
        var o = SoakOptions.Parse(args);
        var requests = new CloudEventRequests(o.BaseUrl, o.Token, $"soak-{DateTime.UtcNow:yyyyMMddHHmmss}", o.Route);
        var load = new SoakLoad(requests.StructuredEvent, o.Rate, o.Connections, o.MaxOutstanding);
        await using var csv = new StreamWriter(o.Csv, append: false) { AutoFlush = true };
        await csv.WriteLineAsync(SoakSample.Header.AsMemory(), cancellationToken);
        Console.WriteLine($"soak: {o.Rate:F0}/s to /hooks/{o.Route} for {o.Duration.TotalSeconds:F0} s, a sample every {o.Sample.TotalSeconds:F0} s into {o.Csv}");

        var clock = Stopwatch.StartNew();
        var sending = load.RunAsync(o.Duration, cancellationToken);
        var minute = 0;
        var (lastOk, lastSent, lastAt) = (0L, 0L, TimeSpan.Zero);
        var cpu = new CpuShare(o.Pid);
        async Task WriteAsync()
        {
            var at = clock.Elapsed;
            var seconds = Math.Max(0.001, (at - lastAt).TotalSeconds);
            var (driverCpu, appCpu) = cpu.Stop();
            cpu = new CpuShare(o.Pid);
            var latencies = load.TakeInterval();
            var (rss, handles, bytes, stored, pending) = SoakSample.Footprint(o.Pid, o.Database);
            var (ok, sent) = (load.Ok, load.Sent);
            var sample = new SoakSample(++minute, at.TotalSeconds, o.Rate, (ok - lastOk) / seconds, ok, load.Refused,
                load.Errors, rss, handles, SoakSample.Quantile(latencies, 0.5), SoakSample.Quantile(latencies, 0.99), bytes, stored, pending)
            {
                SentPerSecond = (sent - lastSent) / seconds,
                Overflow = load.Overflow,
                DriverCpu = driverCpu,
                AppCpu = appCpu ?? 0,
                LoadAverage = ProcStat.LoadAverage(),
            };
            (lastOk, lastSent, lastAt) = (ok, sent, at);
            var line = sample.ToCsv();
            await csv.WriteLineAsync(line.AsMemory(), cancellationToken);
            Console.WriteLine(line);
        }

        while (!sending.IsCompleted)
        {
            var next = o.Sample * (minute + 1) - clock.Elapsed;
            if (await Task.WhenAny(sending, Task.Delay(next > TimeSpan.Zero ? next : TimeSpan.Zero, cancellationToken)) != sending)
            {
                await WriteAsync();
            }
        }

        await sending;
        await WriteAsync();
        Console.WriteLine($"sent: {load.Ok} answered 2xx, {load.Refused} refused, {load.Errors} errors, {load.Outstanding} unanswered");
        return 0;
    }
}
