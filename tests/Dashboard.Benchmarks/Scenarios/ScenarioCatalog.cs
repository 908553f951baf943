namespace Dashboard.Benchmarks.Scenarios;

/// <summary>Every scenario, in run order: baselines first, since later scenarios divide by them or derive rates from them.</summary>
public static class ScenarioCatalog
{
    public static IReadOnlyList<IScenario> All() =>
    [
        new FsyncBaseline(),
        new SqliteBaseline(),
        new EmptyPostBaseline(),
        new SingleIngest(structured: false, withWorkflow: false), // first: no run backlog from earlier scenarios yet
        new SingleIngest(structured: false),
        new SingleIngest(structured: true),
        new RoutedEventCost(),
        new BatchIngest(),
        new FixedRateLatency(),
        new FixedRateLatency(withWorkflow: false),
        new FixedRateLatency(rateDivisor: 5),
        new Overload(),
        new SyncRoundTrip(),
        new EndToEndLive(),
        new LiveAtScale(),
        new NatsMode(),
        new RabbitMqThroughput(),
        new MemoryGrowth(),
    ];
}
