namespace Dashboard.Runtime.Ingestion;

/// <summary>
/// The back-off of a cache that keeps serving its last load while its source is unavailable: after a failed reload,
/// <see cref="Waiting"/> is true for <see cref="Interval"/>, so requests use the cached copy instead of each trying
/// (and waiting for) the source again.
/// </summary>
internal sealed class CatalogRetry(TimeProvider clock)
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(2);

    private long _retryAtTicks = long.MinValue;

    public bool Waiting => clock.GetUtcNow().UtcTicks < Volatile.Read(ref _retryAtTicks);

    public void Failed() => Volatile.Write(ref _retryAtTicks, (clock.GetUtcNow() + Interval).UtcTicks);

    public void Succeeded() => Volatile.Write(ref _retryAtTicks, long.MinValue);
}
