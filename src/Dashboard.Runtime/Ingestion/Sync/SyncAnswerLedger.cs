using Dashboard.Data.Events;
using Dashboard.Runtime.Streaming;
using Microsoft.Extensions.Logging;

namespace Dashboard.Runtime.Ingestion.Sync;

/// <summary>
/// Records in a sync event's ledger entry the status its caller got (200, the <c>respond</c> status, the run's error status,
/// or 504) instead of the 202 the row was stored with, and tells the live feed. The caller's answer does not wait for this
/// write: it joins the next group commit, and the live item follows that commit.
/// </summary>
public sealed partial class SyncAnswerLedger(EventStoreWriter writer, ILiveFeed feed, TimeProvider clock, ILogger<SyncAnswerLedger> logger)
{
    /// <summary>The status of a ledger row (a duplicate's).</summary>
    public const string UpdateSql = "UPDATE ingestion_ledger SET Status = $status WHERE Id = $id;";

    /// <summary>The status of an accepted event, whose ledger entry is its own row (M020) and whose ledger Id is its negated Seq.</summary>
    public const string UpdateEventSql = "UPDATE events SET Status = $status WHERE Seq = -$id AND Status IS NOT NULL;";

    public async Task RecordAsync(IngestedEvent ingested, long? definitionId, int status, CancellationToken cancellationToken)
    {
        if (ingested.LedgerId is not { } ledgerId)
        {
            return;
        }

        var request = WriteRequest.ForStatements([new StoreStatement(ledgerId < 0 ? UpdateEventSql : UpdateSql, [new("$status", status), new("$id", ledgerId)])]);
        await writer.EnqueueAsync(request, cancellationToken).ConfigureAwait(false);
        var item = new LiveItem
        {
            Kind = LiveItemKind.Ingestion,
            At = clock.GetUtcNow(),
            Outcome = ingested.Duplicate ? Outcomes.Duplicate : Outcomes.Accepted,
            Status = status,
            EventSeq = ingested.Seq,
            LedgerId = ledgerId,
            EventId = ingested.Id,
            Source = ingested.Source,
            DefinitionId = definitionId,
            SyncAnswer = true,
        };
        _ = PublishAfterCommitAsync(request, item);
    }

    private async Task PublishAfterCommitAsync(WriteRequest request, LiveItem item)
    {
        try
        {
            await request.Completion.ConfigureAwait(false);
            feed.Publish(item);
        }
        catch (Exception ex)
        {
            LogFailed(logger, ex, item.LedgerId, item.Status);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Recording sync answer {Status} in ledger row {LedgerId} failed")]
    private static partial void LogFailed(ILogger logger, Exception exception, long? ledgerId, int status);
}
