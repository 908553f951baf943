using Dashboard.Benchmarks.Load;
using Dashboard.Benchmarks.Measure;

namespace Dashboard.Benchmarks.Scenarios;

/// <summary>
/// What one routed event (one-step workflow) costs once its run finished: statements the store writer executed, rows
/// inserted, B-tree entries they added, bytes the app wrote to disk, the app's CPU time and the
/// store writer's busy time (statements and commits: the part of an event's cost that the one writer serializes). Closed-loop single events,
/// then waits for the runs to drain so each event's whole cost is inside the interval.
/// </summary>
public sealed class RoutedEventCost : IScenario
{
    public string Name => "cost per routed event (one-step workflow)";

    public IReadOnlyList<MetricSpec> Metrics { get; } =
    [
        new("events", ""),
        new("statements", "/event", Format: "N2"),
        new("rows inserted", "/event", Format: "N2"),
        new("B-tree entries inserted", "/event", Format: "N2"),
        new("bytes written to disk", "/event", Format: "N0"),
        new("app CPU", "µs/event", "≤ 80", v => v <= 80, Format: "N0"),
        new("store writer busy", "µs/event", Format: "N0"),
        new("of which committing (WAL write, fsync)", "µs/event", Format: "N0"),
    ];

    public Task<string?> Unavailable(BenchContext context, CancellationToken cancellationToken) =>
        Task.FromResult(
            context.Options.AppPid is null || context.Options.DataPath is null || context.Options.Token is null
                ? "needs --pid, --data and --token"
                : !File.Exists($"/proc/{context.Options.AppPid}/io") ? "/proc/PID/io is not readable" : null);

    public async Task<ScenarioRun> RunOnceAsync(BenchContext context, CancellationToken cancellationToken)
    {
        var options = context.Options;
        await context.WaitForRunsToDrainAsync(TimeSpan.FromSeconds(60), cancellationToken);
        using var store = context.OpenStore()!;
        var before = await StoreFootprint.TakeAsync(store, options.BaseUrl, options.Token!, options.AppPid!.Value, cancellationToken);
        var cpu = new CpuShare(options.AppPid);
        var load = await ClosedLoop.RunAsync(context.NewRequests().Binary, options.Connections, options.Duration, 5_000_000, cancellationToken);
        await context.WaitForRunsToDrainAsync(TimeSpan.FromSeconds(120), cancellationToken);
        var (generator, app) = cpu.Stop();
        var after = await StoreFootprint.TakeAsync(store, options.BaseUrl, options.Token!, options.AppPid!.Value, cancellationToken);

        var events = Math.Max(1, after.Tables["events"].Rows - before.Tables["events"].Rows);
        var (rows, entries) = after.InsertedSince(before);
        return new ScenarioRun(new Dictionary<string, double>
        {
            ["events"] = events,
            ["statements"] = (after.Statements - before.Statements) / events,
            ["rows inserted"] = (double)rows / events,
            ["B-tree entries inserted"] = (double)entries / events,
            ["bytes written to disk"] = (double)(after.BytesWritten - before.BytesWritten) / events,
            ["app CPU"] = (after.CpuSeconds - before.CpuSeconds) * 1_000_000 / events,
            ["store writer busy"] = (after.WriterBusySeconds - before.WriterBusySeconds) * 1_000_000 / events,
            ["of which committing (WAL write, fsync)"] = (after.WriterCommitSeconds - before.WriterCommitSeconds) * 1_000_000 / events,
        }, generator, app, $"{load.OkPerSecond:N0} events/s while loading; the interval includes draining the runs");
    }
}
