using System.Diagnostics;
using Dashboard.Benchmarks.Measure;

namespace Dashboard.Benchmarks.Scenarios;

/// <summary>The disk's durable-write ceiling: 4 KiB write + fsync in a loop on a temp file.</summary>
public sealed class FsyncBaseline : IScenario
{
    public string Name => "baseline: disk fsync";

    public IReadOnlyList<MetricSpec> Metrics { get; } = [new("fsync/s", "/s")];

    public Task<ScenarioRun> RunOnceAsync(BenchContext context, CancellationToken cancellationToken)
    {
        var path = Path.Combine(context.Options.DataPath ?? Path.GetTempPath(), $"fsync-{Guid.NewGuid():N}.tmp");
        var cpu = new CpuShare(null);
        var block = new byte[4096];
        var duration = TimeSpan.FromSeconds(Math.Min(5, context.Options.Duration.TotalSeconds));
        long count = 0;
        var watch = Stopwatch.StartNew();
        try
        {
            using var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1, FileOptions.None);
            while (watch.Elapsed < duration && count < 10_000_000 && !cancellationToken.IsCancellationRequested)
            {
                file.Write(block);
                file.Flush(flushToDisk: true);
                count++;
            }
        }
        finally
        {
            File.Delete(path);
        }

        var (generator, _) = cpu.Stop();
        return Task.FromResult(new ScenarioRun(new Dictionary<string, double> { ["fsync/s"] = count / watch.Elapsed.TotalSeconds }, generator, null));
    }
}
