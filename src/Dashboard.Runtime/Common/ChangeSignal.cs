namespace Dashboard.Runtime.Common;

/// <summary>
/// "Something changed": subscribers get a parameterless callback on the raiser's thread, so each must be quick (set a
/// flag, signal a throttler) and must not throw. Subscribe returns the <see cref="IDisposable"/> that unsubscribes.
/// </summary>
public sealed class ChangeSignal
{
    private readonly object _lock = new();
    private Action[] _subscribers = [];

    public IDisposable Subscribe(Action changed)
    {
        ArgumentNullException.ThrowIfNull(changed);
        lock (_lock)
        {
            _subscribers = [.. _subscribers, changed];
        }

        return new Subscription(this, changed);
    }

    public void Raise()
    {
        foreach (var subscriber in Volatile.Read(ref _subscribers))
        {
            subscriber();
        }
    }

    private void Unsubscribe(Action changed)
    {
        lock (_lock)
        {
            var index = Array.IndexOf(_subscribers, changed);
            if (index >= 0)
            {
                _subscribers = [.. _subscribers[..index], .. _subscribers[(index + 1)..]];
            }
        }
    }

    private sealed class Subscription(ChangeSignal owner, Action changed) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                owner.Unsubscribe(changed);
            }
        }
    }
}
