using System.Collections.Concurrent;
using System.Diagnostics;
using Dashboard.Benchmarks.Load;

namespace Dashboard.Benchmarks.Live;

/// <summary>
/// Sends events at a fixed rate over a few parallel lanes (each lane paced to its share of the rate) and records, per
/// event id, the Unix ms at which its 2xx arrived: the start of an accept → screen or accept → hub-message latency.
/// </summary>
public static class TracedSender
{
    public static async Task<ConcurrentDictionary<string, double>> SendAsync(
        CloudEventRequests requests, int count, int rate, int lanes, CancellationToken cancellationToken)
    {
        using var client = HttpClients.Create(lanes);
        var accepted = new ConcurrentDictionary<string, double>(StringComparer.Ordinal);
        var watch = Stopwatch.StartNew();
        await Parallel.ForAsync(0, lanes, new ParallelOptions { MaxDegreeOfParallelism = lanes, CancellationToken = cancellationToken }, async (lane, ct) =>
        {
            for (var n = lane; n < count; n += lanes)
            {
                var delay = TimeSpan.FromSeconds((double)n / rate) - watch.Elapsed;
                if (delay > TimeSpan.Zero)
                {
                    await Task.Delay(delay, ct);
                }

                using var message = requests.Binary(n);
                var id = message.Headers.GetValues("ce-id").First();
                using var response = await client.SendAsync(message, ct);
                if (response.IsSuccessStatusCode)
                {
                    accepted[id] = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
                }
            }
        });
        return accepted;
    }
}
