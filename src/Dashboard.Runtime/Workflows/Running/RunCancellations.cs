using System.Collections.Concurrent;

namespace Dashboard.Runtime.Workflows.Running;

/// <summary>
/// The runs executing in this process, so a cancel request can stop the step in flight. A cancel for a run not
/// registered here is remembered for a while (the most recent <see cref="RememberedMisses"/>): a run claimed in its
/// event's commit is registered just after that commit, without a load that would read its cancel request, so a cancel
/// that lands in between still reaches it.
/// </summary>
public sealed class RunCancellations
{
    /// <summary>How many cancels of runs not registered here are remembered.</summary>
    public const int RememberedMisses = 1_024;

    private readonly ConcurrentDictionary<long, CancellationTokenSource> _active = new();
    private readonly ConcurrentDictionary<long, byte> _missed = new();
    private readonly ConcurrentQueue<long> _missedOrder = new();

    public Registration Register(long runId)
    {
        var source = new CancellationTokenSource();
        _active[runId] = source;
        // After the registration is visible: a cancel that missed it either was remembered by now or sees it.
        if (_missed.TryRemove(runId, out _))
        {
            source.Cancel();
        }

        return new Registration(this, runId, source);
    }

    /// <summary>Cancels the run if it is executing here; false when it is not (the cancel is then remembered).</summary>
    public bool Cancel(long runId)
    {
        if (!_active.TryGetValue(runId, out var source))
        {
            Remember(runId);
            // A registration made meanwhile may not have seen the remembered cancel: look once more.
            if (!_active.TryGetValue(runId, out source))
            {
                return false;
            }
        }

        try
        {
            source.Cancel();
        }
        catch (ObjectDisposedException)
        {
            return false;
        }

        return true;
    }

    private void Remember(long runId)
    {
        if (_missed.TryAdd(runId, 0))
        {
            _missedOrder.Enqueue(runId);
            while (_missedOrder.Count > RememberedMisses && _missedOrder.TryDequeue(out var oldest))
            {
                _missed.TryRemove(oldest, out _);
            }
        }
    }

    public sealed class Registration(RunCancellations owner, long runId, CancellationTokenSource source) : IDisposable
    {
        public CancellationToken Token => source.Token;

        public void Dispose()
        {
            owner._active.TryRemove(new KeyValuePair<long, CancellationTokenSource>(runId, source));
            source.Dispose();
        }
    }
}
