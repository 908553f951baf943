using System.Threading.Channels;
using Dashboard.Data.Events;
using Dashboard.Runtime.Ingestion;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Dashboard.Runtime.Eventing;

/// <summary>
/// In Nats mode, publishes every committed event that queued runs to <c>&lt;prefix&gt;.&lt;definition key&gt;</c> with
/// payload <c>{"seq":n}</c> and a <c>Nats-Msg-Id</c> from its (source, id). The writer's commit callback only queues
/// into a bounded channel; this loop publishes in batches and awaits the acks together. A message that is dropped or not
/// acknowledged leaves its runs Queued, and the embedded dispatcher claims them after Eventing:Nats:FallbackAfterSeconds.
/// </summary>
public sealed partial class JetStreamPublisher(
    EventStoreWriter writer,
    NatsConnectionManager manager,
    DefinitionCatalog catalog,
    ILogger<JetStreamPublisher> logger) : BackgroundService
{
    private const int Capacity = 65_536;
    private const int BatchSize = 512;
    private readonly Channel<Pending> _queue = Channel.CreateBounded<Pending>(new BoundedChannelOptions(Capacity)
    {
        SingleReader = true,
        FullMode = BoundedChannelFullMode.DropWrite,
    });
    private long _published;
    private long _duplicates;
    private long _failed;
    private long _skipped;

    private readonly record struct Pending(long Seq, long DefinitionId, string Source, string Id);

    /// <summary>Messages the stream acknowledged.</summary>
    public long Published => Interlocked.Read(ref _published);

    /// <summary>Acknowledged as duplicates of an earlier <c>Nats-Msg-Id</c>.</summary>
    public long Duplicates => Interlocked.Read(ref _duplicates);

    /// <summary>Publishes that failed (their runs wait for the embedded safety net).</summary>
    public long Failed => Interlocked.Read(ref _failed);

    /// <summary>Events not published because NATS dispatch was inactive or the queue was full.</summary>
    public long Skipped => Interlocked.Read(ref _skipped);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!manager.Options.IsNatsMode)
        {
            return;
        }

        writer.Committed += OnCommitted;
        try
        {
            var batch = new List<Pending>(BatchSize);
            while (await _queue.Reader.WaitToReadAsync(stoppingToken).ConfigureAwait(false))
            {
                batch.Clear();
                while (batch.Count < BatchSize && _queue.Reader.TryRead(out var item))
                {
                    batch.Add(item);
                }

                await PublishBatchAsync(batch, stoppingToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            writer.Committed -= OnCommitted;
        }
    }

    // Runs on the writer's thread: queue and return.
    private void OnCommitted(IReadOnlyList<CommittedWrite> committed)
    {
        foreach (var write in committed)
        {
            var events = write.Request.Events;
            for (var i = 0; i < events.Count && i < write.Results.Count; i++)
            {
                var stored = write.Results[i];
                if (stored.Duplicate || stored.Seq is not { } seq || events[i].Runs.Count == 0 || events[i].DefinitionId is not { } definitionId)
                {
                    continue;
                }

                if (!_queue.Writer.TryWrite(new Pending(seq, definitionId, events[i].Source, events[i].Id)))
                {
                    Interlocked.Increment(ref _skipped);
                }
            }
        }
    }

    private async Task PublishBatchAsync(List<Pending> batch, CancellationToken stoppingToken)
    {
        var jetStream = manager.JetStream;
        if (jetStream is null || !manager.IsNatsDispatchActive)
        {
            // In fallback the embedded dispatcher claims these runs.
            Interlocked.Add(ref _skipped, batch.Count);
            return;
        }

        var snapshot = await catalog.GetAsync(stoppingToken).ConfigureAwait(false);
        var prefix = manager.Options.Nats.SubjectPrefix;
        var publishes = new Task<Dashboard.Nats.JetStream.PubAck>[batch.Count];
        for (var i = 0; i < batch.Count; i++)
        {
            var item = batch[i];
            var key = snapshot.ById(item.DefinitionId)?.Key ?? $"definition-{item.DefinitionId}";
            var payload = System.Text.Encoding.UTF8.GetBytes($"{{\"seq\":{item.Seq}}}");
            publishes[i] = jetStream.PublishAsync(EventSubjects.For(prefix, key), payload,
                msgId: EventSubjects.MessageId(item.Source, item.Id), cancellationToken: stoppingToken);
        }

        for (var i = 0; i < publishes.Length; i++)
        {
            try
            {
                var ack = await publishes[i].ConfigureAwait(false);
                Interlocked.Increment(ref ack.Duplicate ? ref _duplicates : ref _published);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                Interlocked.Increment(ref _failed);
                LogPublishFailed(logger, batch[i].Seq, ex.Message);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Publishing event {Seq} to JetStream failed ({Reason}); its runs are claimed in process after the fallback delay")]
    private static partial void LogPublishFailed(ILogger logger, long seq, string reason);
}
