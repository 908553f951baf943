using System.Threading.Channels;
using Dashboard.Runtime.Contracts;

namespace Dashboard.Runtime.Nats.ScaleOut;

/// <summary>
/// On the owner: the sync answers waiting to be published to workers. The run writer tells it of each finished sync run
/// on its own thread, so it only queues (bounded; beyond <see cref="Capacity"/> an answer is dropped and counted, and a
/// worker still waiting for it answers 504, after which a retry reads it by lookup); <see cref="SyncAnswerServer"/>
/// publishes from it. It depends on nothing, so the run writer does not depend on the NATS connection, which depends
/// on the dispatcher, which depends on the run writer.
/// </summary>
public sealed class SyncAnswerOutbox : ISyncRunListener
{
    public const int Capacity = 4_096;
    private readonly Channel<SyncRunFinished> _queue = Channel.CreateBounded<SyncRunFinished>(new BoundedChannelOptions(Capacity)
    {
        SingleReader = true,
        // TryWrite never waits: it returns false when the outbox is full.
        FullMode = BoundedChannelFullMode.Wait,
    });
    private long _dropped;

    /// <summary>How many answers were not queued because the outbox was full.</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    public ChannelReader<SyncRunFinished> Reader => _queue.Reader;

    public void OnSyncRunFinished(SyncRunFinished finished)
    {
        if (!_queue.Writer.TryWrite(finished))
        {
            Interlocked.Increment(ref _dropped);
        }
    }
}
