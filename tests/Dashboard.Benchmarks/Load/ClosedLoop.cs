using System.Diagnostics;

namespace Dashboard.Benchmarks.Load;

/// <summary>
/// Throughput: <c>connections</c> workers each send the next request as soon as the previous answered, until the
/// duration ends or <c>maxRequests</c> were sent. Latency is measured per request (closed loop: not for latency claims).
/// </summary>
public static class ClosedLoop
{
    public static async Task<LoadResult> RunAsync(
        Func<long, HttpRequestMessage> request, int connections, TimeSpan duration, long maxRequests, CancellationToken cancellationToken)
    {
        using var client = HttpClients.Create(connections);
        var result = new LoadResult();
        long next = -1;
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var started = Stopwatch.GetTimestamp();
        var deadline = started + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var workers = Enumerable.Range(0, connections).Select(_ => Task.Run(async () =>
        {
            var recorder = new LoadResult.Recorder(result);
            while (Stopwatch.GetTimestamp() < deadline && !stop.IsCancellationRequested)
            {
                var n = Interlocked.Increment(ref next);
                if (n >= maxRequests)
                {
                    break;
                }

                var sent = Stopwatch.GetTimestamp();
                try
                {
                    using var message = request(n);
                    using var response = await client.SendAsync(message, stop.Token).ConfigureAwait(false);
                    await response.Content.CopyToAsync(Stream.Null, stop.Token).ConfigureAwait(false);
                    recorder.Record((int)response.StatusCode, Stopwatch.GetElapsedTime(sent).TotalMilliseconds);
                }
                catch (Exception ex) when (ex is HttpRequestException or IOException || (ex is OperationCanceledException && !stop.IsCancellationRequested))
                {
                    recorder.Fail(ex);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }

            recorder.Flush();
        }, CancellationToken.None)).ToArray();
        await Task.WhenAll(workers).ConfigureAwait(false);
        result.Elapsed = Stopwatch.GetElapsedTime(started);
        return result;
    }
}
