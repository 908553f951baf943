namespace Dashboard.Web.Components.Controls;

/// <summary>
/// Coalesces signals into at most one callback per interval: the first signal after a quiet period runs the callback
/// after the remainder of the interval since the last run; signals meanwhile fold into that one run. Callbacks never
/// overlap. Used by components that refresh on runtime notifications instead of a timer of their own.
/// </summary>
public sealed class CallbackThrottler(Func<Task> callback, TimeSpan interval, TimeProvider clock) : IDisposable
{
    private readonly object _lock = new();
    private readonly SemaphoreSlim _running = new(1, 1);
    private ITimer? _timer;
    private DateTimeOffset _lastRun = DateTimeOffset.MinValue;
    private bool _disposed;

    /// <summary>Asks for a callback; cheap and safe from any thread.</summary>
    public void Signal()
    {
        lock (_lock)
        {
            if (_disposed || _timer is not null)
            {
                return;
            }

            var wait = _lastRun == DateTimeOffset.MinValue ? TimeSpan.Zero : _lastRun + interval - clock.GetUtcNow();
            _timer = clock.CreateTimer(_ => _ = RunAsync(), null, wait > TimeSpan.Zero ? wait : TimeSpan.Zero, Timeout.InfiniteTimeSpan);
        }
    }

    private async Task RunAsync()
    {
        await _running.WaitAsync().ConfigureAwait(false);
        try
        {
            lock (_lock)
            {
                _timer?.Dispose();
                _timer = null;
                _lastRun = clock.GetUtcNow();
                if (_disposed)
                {
                    return;
                }
            }

            await callback().ConfigureAwait(false);
        }
        finally
        {
            _running.Release();
        }
    }

    public void Dispose()
    {
        lock (_lock)
        {
            _disposed = true;
            _timer?.Dispose();
            _timer = null;
        }
    }
}
