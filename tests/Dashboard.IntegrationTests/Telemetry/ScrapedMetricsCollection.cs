namespace Dashboard.IntegrationTests.Telemetry;

/// <summary>
/// Tests that read a host's <c>/metrics</c> run alone. A meter provider subscribes to meters by name, so with several
/// hosts alive in one test process it also sees the other hosts' instruments of the same names, and a scrape can show
/// theirs instead of its own (seen as a lag gauge that never named this host's queues while other tests ran). One host
/// per process, as in production, avoids that.
/// </summary>
[CollectionDefinition(nameof(ScrapedMetricsCollection), DisableParallelization = true)]
public sealed class ScrapedMetricsCollection;
