using Microsoft.Extensions.Logging;

namespace Dashboard.Runtime.Ingestion;

/// <summary>
/// Logs refusals under overload at most once per interval, with the count since the previous line. At thousands of
/// 429s a second a line per refusal would make logging the bottleneck: the console logger blocks callers once its
/// queue is full, which turns quick refusals into slow ones.
/// </summary>
internal sealed partial class OverloadLog(ILogger logger, TimeProvider clock)
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(5);
    private readonly long _intervalTicks = (long)(Interval.TotalSeconds * clock.TimestampFrequency);
    private long _refused;
    private long _nextLineAt;

    public void Refused(string route, string reason)
    {
        Interlocked.Increment(ref _refused);
        var now = clock.GetTimestamp();
        var due = Volatile.Read(ref _nextLineAt);
        if (now < due || Interlocked.CompareExchange(ref _nextLineAt, now + _intervalTicks, due) != due)
        {
            return;
        }

        LogRefused(logger, Interlocked.Exchange(ref _refused, 0), route, reason);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Answered {Count} ingestion requests with 429 (latest for {Route}): {Reason}")]
    private static partial void LogRefused(ILogger logger, long count, string route, string reason);
}
