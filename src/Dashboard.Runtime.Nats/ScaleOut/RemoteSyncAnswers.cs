using System.Text.Json;
using Dashboard.Runtime.Contracts;
using Dashboard.Runtime.Nats.Eventing;
using Microsoft.Extensions.Logging;
using NATS.Client.Core;

namespace Dashboard.Runtime.Nats.ScaleOut;

/// <summary>
/// On a worker: the answer of a sync event it forwarded to the owner. It subscribes to the subject where the owner
/// publishes that event's answer, then asks the owner once for an answer already stored (a run that finished before the
/// subscription, or a retry of a finished event), and otherwise waits for the publication until the timeout. An owner
/// that cannot be reached leaves the caller waiting for the timeout (the event is durable in the ingest stream).
/// </summary>
public sealed partial class RemoteSyncAnswers(NatsConnectionManager manager, TimeProvider clock, ILogger<RemoteSyncAnswers> logger)
    : ISyncAnswerRelay
{
    private static readonly TimeSpan LookupTimeout = TimeSpan.FromSeconds(5);

    public async Task<SyncRunFinished?> WaitAsync(string source, string id, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var expiry = new CancellationTokenSource(timeout, clock);
        using var waiting = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, expiry.Token);
        try
        {
            if (manager.Connection is not { } connection)
            {
                return await NothingUntilAsync(waiting.Token, cancellationToken).ConfigureAwait(false);
            }

            var control = manager.Options.Nats.ControlSubjectPrefix;
            await using var answers = await connection.SubscribeCoreAsync<byte[]>(SyncSubjects.Answer(control, source, id), cancellationToken: waiting.Token)
                .ConfigureAwait(false);
            var published = answers.Msgs.ReadAsync(waiting.Token).AsTask();
            if (await LookupAsync(connection, control, source, id, waiting.Token).ConfigureAwait(false) is { } stored)
            {
                await waiting.CancelAsync().ConfigureAwait(false);
                return stored;
            }

            return Read((await published.ConfigureAwait(false)).Data);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return null;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The subscription failed or ended (the connection closed), or the answer was unreadable: nothing can come
            // any more, and the event is stored all the same.
            LogWaitFailed(logger, source, id, ex.Message);
            return await NothingUntilAsync(waiting.Token, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>No answer can come: the caller still waits for the timeout (or leaves), as it would for a slow run.</summary>
    private async Task<SyncRunFinished?> NothingUntilAsync(CancellationToken waiting, CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(Timeout.InfiniteTimeSpan, clock, waiting).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            cancellationToken.ThrowIfCancellationRequested();
        }

        return null;
    }

    private async Task<SyncRunFinished?> LookupAsync(NatsConnection connection, string control, string source, string id, CancellationToken cancellationToken)
    {
        try
        {
            var reply = await connection.RequestAsync<byte[], byte[]>(SyncSubjects.Lookup(control),
                JsonSerializer.SerializeToUtf8Bytes(new SyncLookupRequest(source, id)),
                replyOpts: new NatsSubOpts { Timeout = LookupTimeout }, cancellationToken: cancellationToken).ConfigureAwait(false);
            return JsonSerializer.Deserialize<SyncLookupReply>(reply.Data ?? [])?.Finished;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The owner is down or busy: its publication may still come.
            LogLookupFailed(logger, source, id, ex.Message);
            return null;
        }
    }

    private static SyncRunFinished? Read(byte[]? data) => JsonSerializer.Deserialize<SyncRunFinished>(data ?? []);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Waiting for the sync answer of ({Source}, {Id}) from the owner failed: {Reason}")]
    private static partial void LogWaitFailed(ILogger logger, string source, string id, string reason);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Asking the owner for the sync answer of ({Source}, {Id}) failed: {Reason}")]
    private static partial void LogLookupFailed(ILogger logger, string source, string id, string reason);
}
