namespace Dashboard.Nats.Internal;

/// <summary>Exponential reconnect delay with random jitter.</summary>
internal static class Backoff
{
    public static TimeSpan Delay(NatsOptions options, int attempt)
    {
        var min = Math.Max(1, options.ReconnectDelayMin.TotalMilliseconds);
        var max = Math.Max(min, options.ReconnectDelayMax.TotalMilliseconds);
        var exponential = Math.Min(max, min * Math.Pow(2, Math.Clamp(attempt - 1, 0, 20)));
        var jitter = Math.Clamp(options.ReconnectJitter, 0, 1);
        var factor = 1 + (((Random.Shared.NextDouble() * 2) - 1) * jitter);
        return TimeSpan.FromMilliseconds(exponential * factor);
    }
}
