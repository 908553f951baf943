using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace Dashboard.Benchmarks.Measure;

/// <summary>
/// How long the generator's own requests waited for a free connection in <c>SocketsHttpHandler</c>'s pool
/// (<c>http.client.request.time_in_queue</c>), in milliseconds, while this listener lives.
/// </summary>
public sealed class ClientQueueTimes : IDisposable
{
    private readonly ConcurrentQueue<double> _milliseconds = new();
    private readonly MeterListener _listener = new();

    public ClientQueueTimes()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == "System.Net.Http" && instrument.Name == "http.client.request.time_in_queue")
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<double>((_, seconds, _, _) => _milliseconds.Enqueue(seconds * 1000));
        _listener.Start();
    }

    /// <summary>The waits recorded so far, sorted.</summary>
    public double[] Sorted()
    {
        var all = _milliseconds.ToArray();
        Array.Sort(all);
        return all;
    }

    public void Dispose() => _listener.Dispose();
}
