using Dashboard.Data.Events;
using Dashboard.Runtime.Common;

namespace Dashboard.Runtime.Streaming;

/// <summary>
/// "The store committed writes": a signal a page subscribes to instead of polling, for figures that move with the
/// store (queues, stream and consumer counts). Raised once per commit batch on the writer's thread; subscribers only
/// signal (a throttler), never read or render in the callback.
/// </summary>
public sealed class CommitNotifications : ICommittedWritesListener
{
    private readonly ChangeSignal _signal = new();

    public IDisposable Subscribe(Action committed) => _signal.Subscribe(committed);

    public void OnCommitted(IReadOnlyList<CommittedWrite> committed) => _signal.Raise();
}
