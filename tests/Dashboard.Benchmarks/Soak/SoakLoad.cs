using System.Diagnostics;
using Dashboard.Benchmarks.Load;

namespace Dashboard.Benchmarks.Soak;

/// <summary>
/// An open-loop sender for long runs: request i is due at start + i/rate and is sent without waiting for earlier
/// answers; latency is measured from the due time (no coordinated omission). Unlike <see cref="OpenLoop"/> it keeps no
/// task per request, only counters and the current interval's latencies, which <see cref="TakeInterval"/> hands over.
/// A request due while <c>maxOutstanding</c> are in flight is not sent and counts as an error and as overflow.
/// </summary>
public sealed class SoakLoad(Func<long, HttpRequestMessage> request, double rate, int connections, int maxOutstanding)
{
    private readonly object _lock = new();
    private List<double> _latencies = new(1 << 16);
    private long _ok;
    private long _refused;
    private long _errors;
    private long _sent;
    private long _overflow;
    private int _outstanding;

    public long Ok => Interlocked.Read(ref _ok);
    public long Refused => Interlocked.Read(ref _refused);
    public long Errors => Interlocked.Read(ref _errors);

    /// <summary>Requests put on the wire: what the driver really offered.</summary>
    public long Sent => Interlocked.Read(ref _sent);

    /// <summary>Requests due while <c>maxOutstanding</c> were in flight, not sent.</summary>
    public long Overflow => Interlocked.Read(ref _overflow);
    public int Outstanding => Volatile.Read(ref _outstanding);

    /// <summary>The latencies (ms) of the answers since the last call, sorted.</summary>
    public double[] TakeInterval()
    {
        List<double> taken;
        lock (_lock)
        {
            taken = _latencies;
            _latencies = new List<double>(Math.Max(1 << 16, taken.Count));
        }

        var sorted = taken.ToArray();
        Array.Sort(sorted);
        return sorted;
    }

    /// <summary>Sends for <paramref name="duration"/>, then waits (up to a minute) for the answers still outstanding.</summary>
    public async Task RunAsync(TimeSpan duration, CancellationToken cancellationToken)
    {
        using var client = HttpClients.Create(connections);
        var total = (long)(rate * duration.TotalSeconds);
        var started = Stopwatch.GetTimestamp();
        var ticksPerRequest = Stopwatch.Frequency / rate;
        var timer = new Thread(() =>
        {
            for (long n = 0; n < total && !cancellationToken.IsCancellationRequested;)
            {
                var dueCount = Math.Min(total, (long)((Stopwatch.GetTimestamp() - started) / ticksPerRequest) + 1);
                for (; n < dueCount; n++)
                {
                    if (Interlocked.Increment(ref _outstanding) > maxOutstanding)
                    {
                        Interlocked.Decrement(ref _outstanding);
                        Interlocked.Increment(ref _errors);
                        Interlocked.Increment(ref _overflow);
                        continue;
                    }

                    Interlocked.Increment(ref _sent);

                    var id = n;
                    var due = started + (long)(n * ticksPerRequest);
                    _ = Task.Run(() => SendAsync(client, id, due, cancellationToken), CancellationToken.None);
                }

                Thread.Sleep(1);
            }
        }) { IsBackground = true, Priority = ThreadPriority.AboveNormal, Name = "soak timer" };
        timer.Start();
        await Task.Run(timer.Join, CancellationToken.None).ConfigureAwait(false);
        var deadline = Stopwatch.GetTimestamp() + Stopwatch.Frequency * 60;
        while (Outstanding > 0 && Stopwatch.GetTimestamp() < deadline)
        {
            await Task.Delay(50, CancellationToken.None).ConfigureAwait(false);
        }
    }

    private async Task SendAsync(HttpMessageInvoker client, long n, long due, CancellationToken cancellationToken)
    {
        try
        {
            using var message = request(n);
            using var response = await client.SendAsync(message, cancellationToken).ConfigureAwait(false);
            await response.Content.CopyToAsync(Stream.Null, cancellationToken).ConfigureAwait(false);
            var ms = (Stopwatch.GetTimestamp() - due) * 1000.0 / Stopwatch.Frequency;
            if ((int)response.StatusCode is >= 200 and < 300)
            {
                Interlocked.Increment(ref _ok);
            }
            else
            {
                Interlocked.Increment(ref _refused);
            }

            lock (_lock)
            {
                _latencies.Add(ms);
            }
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException or OperationCanceledException)
        {
            Interlocked.Increment(ref _errors);
        }
        finally
        {
            Interlocked.Decrement(ref _outstanding);
        }
    }
}
