namespace Dashboard.Web.Features.Home;

/// <summary>Distinct runs in a range or bucket: finished succeeded, finished failed (failed or dead-lettered), retried a step.</summary>
public sealed record RunOutcomeCounts(long Succeeded, long Failed, long Retrying);

/// <summary>One bar of the series: its start, run outcomes and rejected requests.</summary>
public sealed record OverviewBucket(DateTimeOffset Start, string Label, RunOutcomeCounts Runs, long Rejected);

/// <summary>A ranked row that links to where its number comes from.</summary>
public sealed record RankedRow(string Name, long Count, string Href);

/// <summary>What exists now (definitions, workflows, stored events).</summary>
public sealed record CatalogCounts(long EventDefinitions, long Workflows, long Events);

/// <summary>
/// The overview for one time range: totals, a bucketed series with one bar per <see cref="OverviewRange.Bucket"/>, the
/// workflows with the most failed runs, and the definitions with the most rejected requests. <see cref="Rejected"/> is the
/// sum of <see cref="RejectingDefinitions"/> (the last row rolls up the rest).
/// </summary>
public sealed record OverviewReport(
    OverviewRange Range, DateTimeOffset Start, DateTimeOffset End, CatalogCounts Catalog, RunOutcomeCounts Runs, long Rejected,
    IReadOnlyList<OverviewBucket> Series, IReadOnlyList<RankedRow> FailingWorkflows, IReadOnlyList<RankedRow> RejectingDefinitions);
