using System.Collections.Concurrent;

namespace Dashboard.Runtime.Workflows.Running;

/// <summary>The runs executing in this process, so a cancel request can stop the step in flight.</summary>
public sealed class RunCancellations
{
    private readonly ConcurrentDictionary<long, CancellationTokenSource> _active = new();

    public Registration Register(long runId)
    {
        var source = new CancellationTokenSource();
        _active[runId] = source;
        return new Registration(this, runId, source);
    }

    /// <summary>Cancels the run if it is executing here; false when it is not.</summary>
    public bool Cancel(long runId)
    {
        if (!_active.TryGetValue(runId, out var source))
        {
            return false;
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
