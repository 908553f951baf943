using System.Globalization;
using System.Net.Http.Headers;

namespace Dashboard.Benchmarks.Measure;

/// <summary>
/// The app's own <c>http.server.request.duration</c> histogram on <c>/metrics</c>: from the moment ASP.NET Core starts
/// the request (headers parsed) to the end of the response, so it leaves out the kernel, Kestrel's read of the request
/// and the generator. Two snapshots give the requests between them, per status code.
/// </summary>
public sealed class ServerRequestDurations
{
    private readonly Dictionary<(string Status, double Le), double> _buckets;

    private ServerRequestDurations(Dictionary<(string Status, double Le), double> buckets) => _buckets = buckets;

    public static async Task<ServerRequestDurations> TakeAsync(Uri baseUrl, string token, CancellationToken cancellationToken)
    {
        using var client = new HttpClient { BaseAddress = baseUrl, Timeout = TimeSpan.FromSeconds(60) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var text = await client.GetStringAsync("/metrics", cancellationToken);
        var buckets = new Dictionary<(string, double), double>();
        foreach (var line in text.Split('\n'))
        {
            if (!line.StartsWith("http_server_request_duration_seconds_bucket{", StringComparison.Ordinal))
            {
                continue;
            }

            var status = Label(line, "http_response_status_code");
            var le = Label(line, "le");
            if (status is null || le is null)
            {
                continue;
            }

            var bound = le == "+Inf" ? double.PositiveInfinity : double.Parse(le, CultureInfo.InvariantCulture);
            var count = double.Parse(line[(line.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture);
            buckets[(status, bound)] = buckets.GetValueOrDefault((status, bound)) + count;
        }

        return new ServerRequestDurations(buckets);
    }

    /// <summary>
    /// The upper bound (ms) of the bucket holding the <paramref name="p"/>th percentile of the requests with
    /// <paramref name="status"/> answered between <paramref name="before"/> and this snapshot; NaN when there were none.
    /// </summary>
    public double PercentileUpperBound(ServerRequestDurations before, string status, double p)
    {
        var deltas = _buckets.Where(b => b.Key.Status == status)
            .Select(b => (Le: b.Key.Le, Count: b.Value - before._buckets.GetValueOrDefault(b.Key)))
            .OrderBy(b => b.Le)
            .ToList();
        var total = deltas.Count == 0 ? 0 : deltas[^1].Count;
        if (total <= 0)
        {
            return double.NaN;
        }

        var first = deltas.First(b => b.Count >= p / 100 * total);
        return first.Le * 1000;
    }

    private static string? Label(string line, string name)
    {
        var key = name + "=\"";
        var at = line.IndexOf(key, StringComparison.Ordinal);
        if (at < 0)
        {
            return null;
        }

        var start = at + key.Length;
        return line[start..line.IndexOf('"', start)];
    }
}
