using Dashboard.Runtime.Streaming;

namespace Dashboard.Web.Features.Home;

/// <summary>
/// The overview's live series, without a renderer: each <see cref="Sample"/> turns running totals into per-second rates
/// and a latency window into p50/p99, keeping the last <see cref="Points"/> samples (older ones are dropped).
/// </summary>
public sealed class OverviewState(int points = 60)
{
    private readonly RingBuffer<OverviewPoint> _series = new(points);
    private LiveCountersSnapshot? _lastCounters;
    private LatencySnapshot? _lastLatency;
    private DateTimeOffset _lastAt;

    public int Points => _series.Capacity;

    public IEnumerable<OverviewPoint> Series => _series;

    public OverviewPoint? Latest { get; private set; }

    public void Sample(DateTimeOffset now, LiveCountersSnapshot counters, LatencySnapshot latency, int queueLength)
    {
        if (_lastCounters is { } previous)
        {
            var seconds = Math.Max((now - _lastAt).TotalSeconds, 0.001);
            var window = latency.Since(_lastLatency);
            var point = new OverviewPoint(
                now,
                (counters.Accepted - previous.Accepted) / seconds,
                (counters.Rejected - previous.Rejected) / seconds,
                window.Percentile(0.50),
                window.Percentile(0.99),
                queueLength);
            _series.Add(point);
            Latest = point;
        }

        _lastCounters = counters;
        _lastLatency = latency;
        _lastAt = now;
    }
}

/// <summary>One sample: rates per second, latency percentiles in ms over the sample's window (null when nothing arrived), queue depth.</summary>
public sealed record OverviewPoint(DateTimeOffset At, double AcceptedPerSecond, double RejectedPerSecond, double? P50, double? P99, int QueueLength)
{
    public string Label => At.ToLocalTime().ToString("HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture);
    public double P50Value => P50 ?? 0;
    public double P99Value => P99 ?? 0;
}
