namespace Dashboard.Nats.Internal;

/// <summary>Matches PONGs to PINGs in order; keep-alive PINGs have no waiter.</summary>
internal sealed class PongTracker
{
    private readonly Queue<TaskCompletionSource?> _waiters = new();

    public int Outstanding
    {
        get
        {
            lock (_waiters)
            {
                return _waiters.Count;
            }
        }
    }

    /// <summary>Sends a PING; returns null when not connected.</summary>
    public Task? Ping(CommandWriter writer, bool keepAlive)
    {
        lock (_waiters)
        {
            if (!writer.TryWriteRaw("PING\r\n"u8, onlyIfConnected: true))
            {
                return null;
            }

            var waiter = keepAlive ? null : new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Enqueue(waiter);
            return waiter?.Task ?? Task.CompletedTask;
        }
    }

    public void OnPong()
    {
        lock (_waiters)
        {
            if (_waiters.TryDequeue(out var waiter))
            {
                waiter?.TrySetResult();
            }
        }
    }

    public void FailAll(Exception error)
    {
        lock (_waiters)
        {
            while (_waiters.TryDequeue(out var waiter))
            {
                waiter?.TrySetException(error);
            }
        }
    }
}
