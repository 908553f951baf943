using System.Globalization;
using System.Net.Http.Headers;

namespace Dashboard.Benchmarks.Measure;

/// <summary>Counters read from the app's <c>/metrics</c> (Prometheus text): the sum of every series of one name.</summary>
public static class AppMetrics
{
    /// <summary>Statements the store writer executed (<c>dashboard.store.statements</c>).</summary>
    public const string StoreStatements = "dashboard_store_statements";

    /// <summary>Seconds the store writer spent executing statements and committing (<c>dashboard.store.busy</c>).</summary>
    public const string StoreBusySeconds = "dashboard_store_busy_seconds_total";

    /// <summary>The sum of the series named <paramref name="name"/>, only those whose labels contain <paramref name="label"/> when given.</summary>
    public static async Task<double> SumAsync(Uri baseUrl, string token, string name, CancellationToken cancellationToken, string? label = null)
    {
        using var client = new HttpClient { BaseAddress = baseUrl };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var text = await client.GetStringAsync("/metrics", cancellationToken);
        return text.Split('\n')
            .Where(l => l.StartsWith(name, StringComparison.Ordinal) && l.Length > name.Length && l[name.Length] is ' ' or '{' or '_')
            .Where(l => label is null || l.Contains(label, StringComparison.Ordinal))
            .Select(l => double.Parse(l[(l.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture))
            .Sum();
    }

    /// <summary>Requests the store writer's commits carried: the sum and the count of <c>dashboard.store.batch.size</c>.</summary>
    public const string BatchSize = "dashboard_store_batch_size";

    /// <summary>The store writer's totals since start: busy seconds (all, committing), commits and the requests they carried.</summary>
    public sealed record WriterTotals(double Total, double Commit, double Commits, double Requests);

    /// <summary>The writer's totals, or null without a token (the scenario then leaves the figures out).</summary>
    public static async Task<WriterTotals?> WriterBusyAsync(BenchOptions options, CancellationToken cancellationToken) =>
        options.Token is null ? null
            : new(await SumAsync(options.BaseUrl, options.Token, StoreBusySeconds, cancellationToken),
                await SumAsync(options.BaseUrl, options.Token, StoreBusySeconds, cancellationToken, "phase=\"commit\""),
                await SumAsync(options.BaseUrl, options.Token, BatchSize + "_count", cancellationToken),
                await SumAsync(options.BaseUrl, options.Token, BatchSize + "_sum", cancellationToken));
}
