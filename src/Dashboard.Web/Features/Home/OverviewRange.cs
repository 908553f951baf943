namespace Dashboard.Web.Features.Home;

/// <summary>A time range the overview can show, and the width of one bar of its series.</summary>
public sealed record OverviewRange(string Key, string Label, TimeSpan Span, TimeSpan Bucket)
{
    public static OverviewRange Minutes15 { get; } = new("15m", "15 minutes", TimeSpan.FromMinutes(15), TimeSpan.FromMinutes(1));
    public static OverviewRange Hour1 { get; } = new("1h", "1 hour", TimeSpan.FromHours(1), TimeSpan.FromMinutes(5));
    public static OverviewRange Hours6 { get; } = new("6h", "6 hours", TimeSpan.FromHours(6), TimeSpan.FromMinutes(30));
    public static OverviewRange Hours24 { get; } = new("24h", "24 hours", TimeSpan.FromHours(24), TimeSpan.FromHours(1));
    public static OverviewRange Days7 { get; } = new("7d", "7 days", TimeSpan.FromDays(7), TimeSpan.FromHours(6));

    public static IReadOnlyList<OverviewRange> All { get; } = [Minutes15, Hour1, Hours6, Hours24, Days7];

    public static OverviewRange Default => Hour1;

    public int Buckets => (int)(Span / Bucket);

    /// <summary>The range named by <paramref name="key"/> (15m, 1h, 6h, 24h, 7d), or null.</summary>
    public static OverviewRange? Parse(string? key) => All.FirstOrDefault(r => string.Equals(r.Key, key?.Trim(), StringComparison.OrdinalIgnoreCase));

    /// <summary>[start, end) ending at the bucket boundary after <paramref name="now"/>, so bars line up with the clock.</summary>
    public (DateTimeOffset Start, DateTimeOffset End) Window(DateTimeOffset now)
    {
        var bucketMs = (long)Bucket.TotalMilliseconds;
        var endMs = (now.ToUnixTimeMilliseconds() / bucketMs + 1) * bucketMs;
        var end = DateTimeOffset.FromUnixTimeMilliseconds(endMs);
        return (end - Span, end);
    }

    /// <summary>A time-axis label for a bucket start: clock time for ranges within a day, day and time beyond.</summary>
    public string AxisLabel(DateTimeOffset bucketStart) =>
        bucketStart.UtcDateTime.ToString(Span > TimeSpan.FromDays(1) ? "MM-dd HH:mm" : "HH:mm", System.Globalization.CultureInfo.InvariantCulture);
}
