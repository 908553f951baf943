using Dashboard.Benchmarks.Measure;
using Dashboard.Benchmarks.Scenarios;
using Microsoft.Playwright;

namespace Dashboard.Benchmarks.Live;

/// <summary>
/// Runs measured windows of the same load (<c>--live-rate</c> for <c>--duration</c>, then until the runs of those events
/// finished, then a fixed tail for deliveries still under way), each after the run queue has drained and the previous
/// window's viewers are gone. The viewers of a window connect before it starts
/// (connection and circuit start-up are not measured) and disconnect after it ends.
/// </summary>
public sealed class LiveWindowRunner(BenchContext context, LiveBrowser browser, LiveViewerGauge? gauge, int baselineViewers)
{
    private const int Lanes = 16;
    private static readonly TimeSpan Tail = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(2);

    public async Task<LiveWindow> RunAsync(LiveViewers viewers, CancellationToken cancellationToken)
    {
        var options = context.Options;
        await context.WaitForRunsToDrainAsync(TimeSpan.FromMinutes(5), cancellationToken);
        if (gauge is not null && !await gauge.WaitForAtMostAsync(baselineViewers, TimeSpan.FromSeconds(60), cancellationToken))
        {
            BenchContext.Log($"live viewers still above {baselineViewers} before a {viewers} window; going on");
        }

        IPage? page = null;
        var hubs = new List<HubClient>();
        try
        {
            if (viewers is LiveViewers.Browser or LiveViewers.Both)
            {
                page = await browser.OpenLiveAsync();
            }

            if (viewers is LiveViewers.HubClients or LiveViewers.Both)
            {
                for (var i = 0; i < options.HubClients; i++)
                {
                    hubs.Add(await HubClient.ConnectAsync(options.BaseUrl, options.Token!, cancellationToken));
                }
            }

            if (page is not null || hubs.Count > 0)
            {
                await Task.Delay(Settle, cancellationToken); // circuit and hub subscriptions settled
            }

            var count = (int)(options.LiveRate * options.Duration.TotalSeconds);
            var mainThread = page is null ? null : await LiveBrowser.StartMainThreadClockAsync(page);
            var cpu = options.AppPid is { } pid ? new AppCpuWindow(pid) : null;
            var accepted = await TracedSender.SendAsync(context.NewRequests(), count, options.LiveRate, Lanes, cancellationToken);

            // The window's work includes the runs of its events: under contention they lag behind the send, and a
            // window that ended with the send would leave them to the next one.
            await context.WaitForRunsToDrainAsync(TimeSpan.FromMinutes(5), cancellationToken);
            await Task.Delay(Tail, cancellationToken);
            var sample = cpu?.Stop();
            var browserBusy = mainThread is null ? double.NaN : await mainThread.StopAsync();

            var browserLatencies = page is null ? [] : Latencies.Of(accepted, await LiveBrowser.SeenAsync(page), out _);
            var hubLatencies = new List<double>();
            var missing = 0;
            foreach (var hub in hubs)
            {
                hubLatencies.AddRange(Latencies.Of(accepted, hub.Seen, out var notSeen));
                missing += notSeen;
            }

            hubLatencies.Sort();
            return new LiveWindow(viewers, sample, accepted.Count, browserLatencies, [.. hubLatencies], hubs.Count, missing,
                hubs.Sum(h => h.Messages), hubs.Sum(h => h.Items), browserBusy);
        }
        finally
        {
            foreach (var hub in hubs)
            {
                await hub.DisposeAsync();
            }

            if (page is not null)
            {
                await LiveBrowser.CloseLiveAsync(page);
            }
        }
    }
}

/// <summary>Accept → seen latencies (ms, sorted) of the accepted events that were seen.</summary>
public static class Latencies
{
    public static double[] Of(IReadOnlyDictionary<string, double> accepted, IReadOnlyDictionary<string, double> seen, out int notSeen)
    {
        var latencies = new List<double>(accepted.Count);
        notSeen = 0;
        foreach (var (id, acceptedAt) in accepted)
        {
            if (seen.TryGetValue(id, out var at))
            {
                latencies.Add(Math.Max(0, at - acceptedAt));
            }
            else
            {
                notSeen++;
            }
        }

        latencies.Sort();
        return [.. latencies];
    }
}
