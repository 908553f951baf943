using System.Diagnostics;

namespace Dashboard.Benchmarks.Load;

/// <summary>
/// Latency at a fixed rate without coordinated omission: request i is due at start + i/rate, a timer thread
/// releases every due request without waiting for earlier answers, and latency is measured from the due time, so a
/// stall shows up in every request it delayed. At most <c>maxOutstanding</c> requests are in flight; a request that
/// finds the limit reached counts as failed.
/// </summary>
public static class OpenLoop
{
    public static async Task<LoadResult> RunAsync(
        Func<long, HttpRequestMessage> request, double rate, TimeSpan duration, int connections, int maxOutstanding, CancellationToken cancellationToken)
    {
        using var client = HttpClients.Create(connections);
        var result = new LoadResult();
        var recorders = new ThreadLocal<LoadResult.Recorder>(() => new LoadResult.Recorder(result), trackAllValues: true);
        var total = (long)(rate * duration.TotalSeconds);
        var inFlight = new List<Task>((int)Math.Min(total, 1_000_000));
        var outstanding = 0;
        var overflow = new LoadResult.Recorder(result);
        var started = Stopwatch.GetTimestamp();
        var ticksPerRequest = Stopwatch.Frequency / rate;

        async Task SendAsync(long n, long due)
        {
            var start = (Stopwatch.GetTimestamp() - due) * 1000.0 / Stopwatch.Frequency;
            try
            {
                using var message = request(n);
                using var response = await client.SendAsync(message, cancellationToken).ConfigureAwait(false);
                await response.Content.CopyToAsync(Stream.Null, cancellationToken).ConfigureAwait(false);
                var ms = (Stopwatch.GetTimestamp() - due) * 1000.0 / Stopwatch.Frequency;
                recorders.Value!.Record((int)response.StatusCode, ms, start);
            }
            catch (Exception ex) when (ex is HttpRequestException or IOException or OperationCanceledException)
            {
                recorders.Value!.Fail(ex);
            }
            finally
            {
                Interlocked.Decrement(ref outstanding);
            }
        }

        var timer = new Thread(() =>
        {
            for (long n = 0; n < total && !cancellationToken.IsCancellationRequested;)
            {
                var now = Stopwatch.GetTimestamp();
                var dueCount = Math.Min(total, (long)((now - started) / ticksPerRequest) + 1);
                for (; n < dueCount; n++)
                {
                    var due = started + (long)(n * ticksPerRequest);
                    if (Interlocked.Increment(ref outstanding) > maxOutstanding)
                    {
                        Interlocked.Decrement(ref outstanding);
                        overflow.Fail(new InvalidOperationException($"more than {maxOutstanding} requests outstanding"));
                        continue;
                    }

                    var id = n;
                    inFlight.Add(Task.Run(() => SendAsync(id, due), CancellationToken.None));
                }

                Thread.Sleep(1);
            }
        }) { IsBackground = true, Priority = ThreadPriority.AboveNormal, Name = "open-loop timer" };
        timer.Start();
        await Task.Run(timer.Join, CancellationToken.None).ConfigureAwait(false);
        await Task.WhenAll(inFlight).WaitAsync(TimeSpan.FromSeconds(60), CancellationToken.None).ConfigureAwait(false);
        result.Elapsed = Stopwatch.GetElapsedTime(started);
        overflow.Flush();
        foreach (var recorder in recorders.Values)
        {
            recorder.Flush();
        }

        return result;
    }
}
