using System.Globalization;
using System.Threading.Channels;
using Dashboard.Runtime.Contracts;
using Dashboard.Runtime.Ingestion;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using NATS.Client.JetStream;
using NATS.Client.JetStream.Models;

namespace Dashboard.Runtime.Nats.Eventing;

/// <summary>
/// In Nats mode, publishes every committed event that queued runs to <c>&lt;prefix&gt;.&lt;definition key&gt;</c> with
/// payload <c>{"seq":n}</c> and a <c>Nats-Msg-Id</c> from its (source, id). The core offers the work on the writer's
/// thread (<see cref="IRunWorkQueue"/>), which only queues into a bounded channel; this loop sends a whole batch before
/// awaiting its acks. A message that is dropped or not acknowledged leaves its runs Queued, and the embedded dispatcher
/// claims them after Eventing:Nats:FallbackAfterSeconds.
/// </summary>
public sealed partial class JetStreamPublisher(
    NatsConnectionManager manager,
    DefinitionCatalog catalog,
    ILogger<JetStreamPublisher> logger) : BackgroundService, IRunWorkQueue
{
    private const int Capacity = 65_536;
    private const int BatchSize = 512;
    private readonly Channel<RunWork> _queue = Channel.CreateBounded<RunWork>(new BoundedChannelOptions(Capacity)
    {
        SingleReader = true,
        FullMode = BoundedChannelFullMode.DropWrite,
    });
    private long _published;
    private long _duplicates;
    private long _failed;
    private long _skipped;

    /// <summary>Messages the stream acknowledged.</summary>
    public long Published => Interlocked.Read(ref _published);

    /// <summary>Acknowledged as duplicates of an earlier <c>Nats-Msg-Id</c>.</summary>
    public long Duplicates => Interlocked.Read(ref _duplicates);

    /// <summary>Publishes that failed (their runs wait for the embedded safety net).</summary>
    public long Failed => Interlocked.Read(ref _failed);

    /// <summary>Events not published because NATS dispatch was inactive or the queue was full.</summary>
    public long Skipped => Interlocked.Read(ref _skipped);

    public bool TryEnqueue(RunWork work)
    {
        if (_queue.Writer.TryWrite(work))
        {
            return true;
        }

        Interlocked.Increment(ref _skipped);
        return false;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            var batch = new List<RunWork>(BatchSize);
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
    }

    private async Task PublishBatchAsync(List<RunWork> batch, CancellationToken stoppingToken)
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
        var publishes = new Task<PubAckResponse>[batch.Count];
        for (var i = 0; i < batch.Count; i++)
        {
            var item = batch[i];
            var key = snapshot.ById(item.DefinitionId)?.Key ?? $"definition-{item.DefinitionId}";
            publishes[i] = PublishAsync(jetStream, EventSubjects.For(prefix, key), Payload(item.EventSeq), EventSubjects.MessageId(item.Source, item.Id), stoppingToken);
        }

        // Every publish of the batch is on the wire before any ack is awaited, and the batch is awaited once: the acks
        // are read as they completed, without an await per message.
        await ((Task)Task.WhenAll(publishes)).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        stoppingToken.ThrowIfCancellationRequested();
        for (var i = 0; i < publishes.Length; i++)
        {
            try
            {
                var ack = publishes[i].GetAwaiter().GetResult();
                Interlocked.Increment(ref ack.EnsureStored() ? ref _duplicates : ref _published);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                Interlocked.Increment(ref _failed);
                LogPublishFailed(logger, batch[i].EventSeq, ex.Message);
            }
        }
    }

    /// <summary><c>{"seq":n}</c>, formatted without an intermediate string.</summary>
    private static byte[] Payload(long eventSeq)
    {
        Span<byte> buffer = stackalloc byte[32];
        "{\"seq\":"u8.CopyTo(buffer);
        eventSeq.TryFormat(buffer[7..], out var written, provider: CultureInfo.InvariantCulture);
        buffer[7 + written] = (byte)'}';
        return buffer[..(8 + written)].ToArray();
    }

    private static Task<PubAckResponse> PublishAsync(NatsJSContext jetStream, string subject, byte[] payload, string msgId, CancellationToken cancellationToken) =>
        jetStream.PublishAsync(subject, payload, opts: new NatsJSPubOpts { MsgId = msgId }, cancellationToken: cancellationToken).AsTask();

    [LoggerMessage(Level = LogLevel.Warning, Message = "Publishing event {Seq} to JetStream failed ({Reason}); its runs are claimed in process after the fallback delay")]
    private static partial void LogPublishFailed(ILogger logger, long seq, string reason);
}
