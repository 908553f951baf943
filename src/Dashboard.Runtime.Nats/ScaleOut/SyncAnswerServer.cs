using System.Text.Json;
using Dashboard.Runtime.Contracts;
using Dashboard.Runtime.Nats.Eventing;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using NATS.Client.Core;

namespace Dashboard.Runtime.Nats.ScaleOut;

/// <summary>
/// On the owner (Runtime:ScaleOut): passes sync answers to workers. Each sync run's answer that the
/// <see cref="SyncAnswerOutbox"/> queued when its end committed is published on
/// <c>&lt;control&gt;.sync.answer.&lt;hash of (source, id)&gt;</c>, where a worker waiting for it subscribed; and
/// <c>&lt;control&gt;.sync.lookup</c> answers a worker's request for an answer already stored.
/// </summary>
public sealed partial class SyncAnswerServer(
    NatsConnectionManager manager,
    SyncAnswerOutbox outbox,
    ISyncRunLookup lookup,
    ILogger<SyncAnswerServer> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            var connection = await manager.WaitForConnectionAsync(stoppingToken).ConfigureAwait(false);
            await Task.WhenAll(ServeLookupsAsync(connection, stoppingToken), PublishAnswersAsync(stoppingToken)).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task ServeLookupsAsync(NatsConnection connection, CancellationToken stoppingToken)
    {
        await using var requests = await connection.SubscribeCoreAsync<byte[]>(SyncSubjects.Lookup(manager.Options.Nats.ControlSubjectPrefix),
            cancellationToken: stoppingToken).ConfigureAwait(false);
        await foreach (var request in requests.Msgs.ReadAllAsync(stoppingToken).ConfigureAwait(false))
        {
            try
            {
                var asked = JsonSerializer.Deserialize<SyncLookupRequest>(request.Data ?? [])
                    ?? throw new JsonException("an empty sync lookup request");
                var state = await lookup.FindAsync(asked.Source, asked.Id, stoppingToken).ConfigureAwait(false);
                await request.ReplyAsync(JsonSerializer.SerializeToUtf8Bytes(new SyncLookupReply(state?.Finished)), cancellationToken: stoppingToken)
                    .ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                // The worker's request times out and it goes on waiting for the published answer.
                LogLookupFailed(logger, ex);
            }
        }
    }

    private async Task PublishAnswersAsync(CancellationToken stoppingToken)
    {
        var reportedDropped = 0L;
        await foreach (var finished in outbox.Reader.ReadAllAsync(stoppingToken).ConfigureAwait(false))
        {
            if (outbox.Dropped is var dropped && dropped != reportedDropped)
            {
                LogDropped(logger, dropped - reportedDropped, SyncAnswerOutbox.Capacity);
                reportedDropped = dropped;
            }

            try
            {
                await PublishAsync(finished, stoppingToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                // A worker still waiting gets nothing and answers 504; a retry then reads the stored answer by lookup.
                LogNotPublished(logger, finished.EventSeq, ex.Message);
            }
        }
    }

    private async Task PublishAsync(SyncRunFinished finished, CancellationToken stoppingToken)
    {
        if (manager.Connection is not { ConnectionState: NatsConnectionState.Open } connection)
        {
            LogNotPublished(logger, finished.EventSeq, "not connected to NATS");
            return;
        }

        if (await lookup.FindIdentityAsync(finished.EventSeq, stoppingToken).ConfigureAwait(false) is not { } identity)
        {
            return;
        }

        var subject = SyncSubjects.Answer(manager.Options.Nats.ControlSubjectPrefix, identity.Source, identity.Id);
        await connection.PublishAsync(subject, JsonSerializer.SerializeToUtf8Bytes(finished), cancellationToken: stoppingToken).ConfigureAwait(false);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Count} sync answer(s) were not published to workers: the outbox of {Capacity} was full (their callers get 504, a retry reads the answer)")]
    private static partial void LogDropped(ILogger logger, long count, int capacity);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Answering a worker's sync lookup failed")]
    private static partial void LogLookupFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The sync answer of event {EventSeq} was not published to workers: {Reason}")]
    private static partial void LogNotPublished(ILogger logger, long eventSeq, string reason);
}
