using System.Text.Json;
using Dashboard.Data.Events;
using Dashboard.Runtime.Nats.Eventing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NATS.Client.Core;
using NATS.Client.JetStream;

namespace Dashboard.Runtime.Nats.ScaleOut;

/// <summary>
/// A worker's write queue: instead of a local store, each write is published to the owner's ingest stream, and the
/// request completes only when JetStream acknowledged it (replicated, it is durable from then on). A JetStream
/// duplicate (same events within the duplicate window) completes as a duplicate; a failed publish as unavailable (503).
/// At most <see cref="EventStoreOptions.QueueCapacity"/> publishes wait for their PubAck, as the local writer's queue is
/// bounded: beyond that ingestion answers 429.
/// </summary>
public sealed partial class IngestForwarder(NatsConnectionManager manager, IOptions<EventStoreOptions> options, ILogger<IngestForwarder> logger)
    : IEventWriteQueue
{
    private int _inFlight;

    public bool IsFull => Volatile.Read(ref _inFlight) >= options.Value.QueueCapacity;

    /// <summary>
    /// Always false: a worker has no store queue of its own and bounds its publishes by count only; the owner pulls the
    /// forwarded writes from the stream at the pace its store takes them.
    /// </summary>
    public bool IsBehind => false;

    public bool TryEnqueue(WriteRequest request)
    {
        if (Interlocked.Increment(ref _inFlight) > options.Value.QueueCapacity)
        {
            Interlocked.Decrement(ref _inFlight);
            return false;
        }

        _ = ForwardAsync(request);
        return true;
    }

    private async Task ForwardAsync(WriteRequest request)
    {
        try
        {
            var jetStream = manager.JetStream;
            if (jetStream is null || manager.Connection?.ConnectionState != NatsConnectionState.Open)
            {
                throw new EventStoreUnavailableException("not connected to NATS");
            }

            var nats = manager.Options.Nats;
            var accepted = request.Events.Count > 0;
            var payload = JsonSerializer.SerializeToUtf8Bytes(ForwardedWrite.From(request));
            var ack = await jetStream.PublishAsync(
                accepted ? ScaleOutSubjects.IngestAccepted(nats.IngestSubjectPrefix) : ScaleOutSubjects.IngestRejected(nats.IngestSubjectPrefix),
                payload, opts: new NatsJSPubOpts { MsgId = accepted ? ForwardedWrite.MessageId(request.Events) : null }).ConfigureAwait(false);
            var duplicate = ack.EnsureStored();
            var results = new StoredEvent[request.Events.Count];
            Array.Fill(results, new StoredEvent(null, duplicate, 0));
            request.Complete(results);
        }
        catch (Exception ex)
        {
            LogForwardFailed(logger, ex.Message);
            request.Fail(ex as EventStoreUnavailableException ?? new EventStoreUnavailableException($"forwarding to the owner failed: {ex.Message}", ex));
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Forwarding a write to the owner's ingest stream failed: {Reason}")]
    private static partial void LogForwardFailed(ILogger logger, string reason);
}
