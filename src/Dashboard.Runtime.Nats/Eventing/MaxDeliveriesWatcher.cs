using System.Text.Json;
using Dashboard.Data;
using Dashboard.Runtime.Common;
using Dashboard.Runtime.Nats.Advisories;
using Dashboard.Runtime.Workflows.Store;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using NATS.Client.Core;

namespace Dashboard.Runtime.Nats.Eventing;

/// <summary>
/// Listens for the consumer's MAX_DELIVERIES advisories: the message was delivered Eventing:Nats:MaxDeliver times without
/// an ack. The event's runs still Queued are dead-lettered with the reason, and a global activity entry says so. Runs
/// on an instance with a run store (not a scale-out worker).
/// </summary>
public sealed partial class MaxDeliveriesWatcher(
    NatsConnectionManager manager,
    SqliteConnectionFactory connections,
    ActivityRecorder activity,
    TimeProvider clock,
    ILogger<MaxDeliveriesWatcher> logger) : BackgroundService
{
    public const string ActivityKind = "eventing-max-deliveries";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var connection = await manager.WaitForConnectionAsync(stoppingToken).ConfigureAwait(false);
        var nats = manager.Options.Nats;
        try
        {
            var subject = MaxDeliveriesAdvisory.Subject(nats.StreamName, nats.ConsumerName);
            await foreach (var msg in connection.SubscribeAsync<byte[]>(subject, cancellationToken: stoppingToken).ConfigureAwait(false))
            {
                try
                {
                    await HandleAsync(connection, MaxDeliveriesAdvisory.Parse(msg.Data ?? []), stoppingToken).ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    LogAdvisoryFailed(logger, ex, msg.Subject);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task HandleAsync(NatsConnection connection, MaxDeliveriesAdvisory advisory, CancellationToken cancellationToken)
    {
        var eventSeq = await ReadEventSeqAsync(connection, advisory.Stream, advisory.StreamSeq, cancellationToken).ConfigureAwait(false);
        var reason = $"JetStream gave up after {advisory.Deliveries} deliveries (stream {advisory.Stream} message {advisory.StreamSeq}, consumer {advisory.Consumer})";
        var deadLettered = eventSeq is { } seq ? await DeadLetterAsync(seq, reason, cancellationToken).ConfigureAwait(false) : 0;
        LogMaxDeliveries(logger, advisory.StreamSeq, eventSeq, deadLettered);
        await activity.RecordAsync(null, ActivityKind,
            eventSeq is null
                ? $"{reason}; the message could not be read back, so no run was changed"
                : $"{reason}: event {eventSeq}, {deadLettered} queued run(s) dead-lettered",
            "system: eventing", cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Reads the <c>{"seq":n}</c> payload of a stream message (STREAM.MSG.GET).</summary>
    private static async Task<long?> ReadEventSeqAsync(NatsConnection connection, string stream, ulong streamSeq, CancellationToken cancellationToken)
    {
        var request = JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, ulong> { ["seq"] = streamSeq });
        var reply = await connection.RequestAsync<byte[], byte[]>($"$JS.API.STREAM.MSG.GET.{stream}", request, cancellationToken: cancellationToken)
            .ConfigureAwait(false);
        using var document = JsonDocument.Parse(reply.Data ?? []);
        if (!document.RootElement.TryGetProperty("message", out var message) || !message.TryGetProperty("data", out var data)
            || data.ValueKind != JsonValueKind.String)
        {
            return null;
        }

        return RunMessagePayload.TryReadSeq(Convert.FromBase64String(data.GetString()!), out var seq) ? seq : null;
    }

    /// <summary>
    /// Dead-letters the queued runs a work message stood for: an event's original runs (replays are never claimed from a
    /// work message). <c>ReplayOf IS NULL</c> also lets the partial event index find them; without it the statement
    /// walked every queued run through the state index.
    /// </summary>
    public const string DeadLetterQueuedRunsSql = """
        UPDATE runs SET State = 'DeadLettered', Error = $reason, FinishedAt = $now, NextAttemptAt = NULL, UpdatedAt = $now
        WHERE EventSeq = $seq AND ReplayOf IS NULL AND State = 'Queued'
        RETURNING Id, WorkflowId;
        """;

    private async Task<int> DeadLetterAsync(long eventSeq, string reason, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        await using var connection = await connections.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = connection.BeginTransaction();
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = DeadLetterQueuedRunsSql;
        command.Parameters.AddWithValue("$reason", reason);
        command.Parameters.AddWithValue("$now", now);
        command.Parameters.AddWithValue("$seq", eventSeq);
        var runs = new List<(long RunId, long WorkflowId)>();
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                runs.Add((reader.GetInt64(0), reader.GetInt64(1)));
            }
        }

        foreach (var (runId, workflowId) in runs)
        {
            await using var insert = connection.CreateCommand();
            insert.Transaction = transaction;
            insert.CommandText = "INSERT INTO activity (At, WorkflowId, Kind, Message, Actor, EventSeq, RunId) VALUES ($at, $wf, $kind, $message, $actor, $seq, $run);";
            insert.Parameters.AddWithValue("$at", now);
            insert.Parameters.AddWithValue("$wf", workflowId);
            insert.Parameters.AddWithValue("$kind", ActivityKinds.RunDeadLettered);
            insert.Parameters.AddWithValue("$message", $"run {runId} dead-lettered: {reason}");
            insert.Parameters.AddWithValue("$actor", "system: eventing");
            insert.Parameters.AddWithValue("$seq", eventSeq);
            insert.Parameters.AddWithValue("$run", runId);
            await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return runs.Count;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "JetStream message {StreamSeq} (event {EventSeq}) reached max deliveries; {Count} queued run(s) dead-lettered")]
    private static partial void LogMaxDeliveries(ILogger logger, ulong streamSeq, long? eventSeq, int count);

    [LoggerMessage(Level = LogLevel.Error, Message = "Handling the advisory on {Subject} failed")]
    private static partial void LogAdvisoryFailed(ILogger logger, Exception exception, string subject);
}
