using Dashboard.Benchmarks;
using Dashboard.Benchmarks.Measure;
using Dashboard.Benchmarks.Report;
using Dashboard.Benchmarks.Scenarios;

if (args is ["definitions"])
{
    Console.Write(Dashboard.Benchmarks.Load.BenchDefinitions.Yaml);
    return 0;
}

if (args is [("drive" or "empty-server") and var command, .. var commandArgs])
{
    using var stopCommand = new CancellationTokenSource();
    Console.CancelKeyPress += (_, e) =>
    {
        e.Cancel = true;
        stopCommand.Cancel();
    };
    return command == "drive"
        ? await Dashboard.Benchmarks.Profile.DriveCommand.RunAsync(commandArgs, stopCommand.Token)
        : await Dashboard.Benchmarks.Profile.EmptyServerCommand.RunAsync(commandArgs, stopCommand.Token);
}

if (args is ["soak", .. var soakArgs])
{
    using var stop = new CancellationTokenSource();
    Console.CancelKeyPress += (_, e) =>
    {
        e.Cancel = true;
        stop.Cancel();
    };
    return await Dashboard.Benchmarks.Soak.SoakCommand.RunAsync(soakArgs, stop.Token);
}

var options = BenchOptions.Parse(args);
var context = new BenchContext(options);
using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancel.Cancel();
};

// Warm-up (JIT tiers, thread pool, SQLite page cache): the no-workflow route, then the routed one so the workflow
// runtime's code is warm too, then a wait until the runs that queued have finished, so no scenario starts with a backlog.
BenchContext.Log("warm-up");
await Dashboard.Benchmarks.Load.ClosedLoop.RunAsync(context.NewRequests(Dashboard.Benchmarks.Load.BenchDefinitions.RouteWithoutWorkflow).Binary,
    options.Connections, TimeSpan.FromSeconds(5), 100_000, cancel.Token);
await Dashboard.Benchmarks.Load.ClosedLoop.RunAsync(context.NewRequests(Dashboard.Benchmarks.Load.BenchDefinitions.Route).Binary,
    options.Connections, TimeSpan.FromSeconds(5), 100_000, cancel.Token);
await context.WaitForRunsToDrainAsync(TimeSpan.FromSeconds(120), cancel.Token);

// The NATS-mode instance gets the same warm-up, so its first run is not measured on a cold process (JIT, a thread pool
// still at its minimum) while the embedded figure it is compared with comes from a warm one.
if (options.NatsUrl is { } natsUrl && (options.Only is not { } selected || selected.Split(',').Any(o => new NatsMode().Name.Contains(o, StringComparison.OrdinalIgnoreCase))))
{
    BenchContext.Log("warm-up (NATS-mode instance)");
    foreach (var route in new[] { Dashboard.Benchmarks.Load.BenchDefinitions.RouteWithoutWorkflow, Dashboard.Benchmarks.Load.BenchDefinitions.Route })
    {
        var warmUp = new Dashboard.Benchmarks.Load.CloudEventRequests(natsUrl, options.Token, $"nats-warmup-{Guid.NewGuid():N}", route);
        await Dashboard.Benchmarks.Load.ClosedLoop.RunAsync(warmUp.Binary, options.Connections, TimeSpan.FromSeconds(5), 100_000, cancel.Token);
    }

    await context.WaitForRunsToDrainAsync(TimeSpan.FromSeconds(120), cancel.Token, options.NatsDataPath);
}

var reports = new List<ScenarioReport>();
foreach (var scenario in ScenarioCatalog.All())
{
    if (options.Only is { } only && !only.Split(',').Any(o => scenario.Name.Contains(o, StringComparison.OrdinalIgnoreCase)))
    {
        continue;
    }

    var report = new ScenarioReport(scenario);
    reports.Add(report);
    if (options.AppPid is { } pid && !Directory.Exists($"/proc/{pid}"))
    {
        report.Failed = $"the app process {pid} is no longer running";
        BenchContext.Log($"{scenario.Name}: {report.Failed}");
        continue;
    }

    report.Unavailable = await scenario.Unavailable(context, cancel.Token);
    if (report.Unavailable is not null)
    {
        BenchContext.Log($"{scenario.Name}: not available ({report.Unavailable})");
        continue;
    }

    for (var run = 1; run <= (scenario.Runs ?? options.Runs) && !cancel.IsCancellationRequested; run++)
    {
        report.LoadAverages.Add(ProcStat.LoadAverage());
        try
        {
            var result = await scenario.RunOnceAsync(context, cancel.Token);
            report.Runs.Add(result);
            BenchContext.Log($"{scenario.Name} run {run}: {string.Join(", ", result.Values.Select(v => $"{v.Key} {v.Value:N2}"))}; generator CPU {result.GeneratorCpu:N0}%, app CPU {result.AppCpu:N0}%");
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancel.IsCancellationRequested)
        {
            report.Failed = ex.GetType().Name + ": " + ex.Message;
            BenchContext.Log($"{scenario.Name} run {run} failed: {ex}");
        }

        await Task.Delay(TimeSpan.FromSeconds(2), cancel.Token); // let the writer, runs and GC settle between runs
    }

    foreach (var metric in scenario.Metrics)
    {
        if (report.Stats(metric.Key) is { } stats)
        {
            context.Medians[$"{scenario.Name}/{metric.Key}"] = stats.Median;
        }
    }
}

var fsync = context.Median("baseline: disk fsync/fsync/s");
var markdown = MarkdownReport.Render(reports, context, fsync);
await File.WriteAllTextAsync(options.Output, markdown);
Console.WriteLine(markdown);
return 0;
