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

    /// <summary>The writer's busy seconds in total and committing, or null without a token (the scenario then leaves the figures out).</summary>
    public static async Task<(double Total, double Commit)?> WriterBusyAsync(BenchOptions options, CancellationToken cancellationToken) =>
        options.Token is null ? null
            : (await SumAsync(options.BaseUrl, options.Token, StoreBusySeconds, cancellationToken),
                await SumAsync(options.BaseUrl, options.Token, StoreBusySeconds, cancellationToken, "phase=\"commit\""));
}
