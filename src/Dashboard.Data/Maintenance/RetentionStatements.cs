using System.Globalization;
using System.Text.Json;
using Dashboard.Data.Events;

namespace Dashboard.Data.Maintenance;

/// <summary>
/// The SQL of retention. Candidates are read outside the writer (events never change once stored); the deletes run as
/// one small request through the store writer, so they share its group commit and never hold the database while
/// ingestion waits. Every delete re-checks that the event has no queued or running run.
/// </summary>
public static class RetentionStatements
{
    private const string Victims = """
        SELECT e.Seq FROM events e WHERE e.Seq IN (SELECT value FROM json_each($seqs))
        AND NOT EXISTS (SELECT 1 FROM runs r WHERE r.EventSeq = e.Seq AND r.State IN ('Queued', 'Running'))
        """;

    private static readonly string SlackMs = ((long)ArrivalOrder.Slack.TotalMilliseconds).ToString(CultureInfo.InvariantCulture);

    private const string Finished = "NOT EXISTS (SELECT 1 FROM runs r WHERE r.EventSeq = e.Seq AND r.State IN ('Queued', 'Running'))";

    /// <summary>Oldest events received before <c>$cutoff</c> (ms), of one definition (<c>$def</c>) or of every definition not in <c>$own</c>.</summary>
    public static string OlderThan(bool oneDefinition) => $"""
        SELECT e.Seq FROM events e
        WHERE e.Seq < {ArrivalOrder.UpperKey("events", "Seq", "ReceivedAt", "$cutoff")} AND e.ReceivedAt < $cutoff
          AND {Scope(oneDefinition)} AND {Finished}
        ORDER BY e.Seq LIMIT $limit;
        """;

    /// <summary>Oldest events beyond the newest <c>$keep</c>, of one definition or of every definition not in <c>$own</c>.</summary>
    public static string BeyondNewest(bool oneDefinition) => $"""
        SELECT e.Seq FROM events e
        WHERE {Scope(oneDefinition)} AND {Finished}
          AND e.Seq <= (SELECT x.Seq FROM events x WHERE {Scope(oneDefinition).Replace("e.", "x.", StringComparison.Ordinal)} ORDER BY x.Seq DESC LIMIT 1 OFFSET $keep)
        ORDER BY e.Seq LIMIT $limit;
        """;

    private static string Scope(bool oneDefinition) => oneDefinition
        ? "e.DefinitionId = $def"
        : "(e.DefinitionId IS NULL OR e.DefinitionId NOT IN (SELECT value FROM json_each($own)))";

    /// <summary>
    /// Deletes the events (with their finished runs), keeping each identity. An event's own row is its accepted ledger
    /// entry (M020); the ledger rows of events stored before M020 go with them.
    /// </summary>
    public static IReadOnlyList<StoreStatement> PruneEvents(IReadOnlyList<long> seqs, DateTimeOffset now, Action<int> deleted)
    {
        var json = JsonSerializer.Serialize(seqs);
        KeyValuePair<string, object?>[] seqParameter = [new("$seqs", json)];
        return
        [
            new($"INSERT OR IGNORE INTO pruned_event_ids (Source, Id, PrunedAt) SELECT Source, Id, $now FROM events WHERE Seq IN ({Victims});",
                [new("$seqs", json), new("$now", now.ToUnixTimeMilliseconds())]),
            new($"DELETE FROM ingestion_ledger WHERE EventSeq IN ({Victims});", seqParameter),
            new($"DELETE FROM runs WHERE EventSeq IN ({Victims});", seqParameter),
            new($"DELETE FROM events WHERE Seq IN ({Victims}) RETURNING Seq;", seqParameter) { ReadRows = reader => deleted(Count(reader)) },
        ];
    }

    /// <summary>Ledger rows without a stored event (rejections and duplicates) older than the cutoff, a batch at a time.</summary>
    public static StoreStatement PruneRejectedLedger(DateTimeOffset cutoff, int limit, Action<int> deleted) => new(
        "DELETE FROM ingestion_ledger WHERE Id IN (SELECT Id FROM ingestion_ledger WHERE At < $cutoff AND EventSeq IS NULL LIMIT $limit) RETURNING Id;",
        [new("$cutoff", cutoff.ToUnixTimeMilliseconds()), new("$limit", limit)]) { ReadRows = reader => deleted(Count(reader)) };

    /// <summary>
    /// Shared traces (M019) nothing can reference any more. Ledger rows (written before M020) and accepted events
    /// reference traces, and every row referencing a trace is older than its <c>LastSeenAt</c>; so a trace last seen
    /// before the oldest of both (less one lease, for a request stamped just before that row and still queued) is unused.
    /// Events have no time index: the oldest by <c>Seq</c> stands for them, less the slack by which an event's time may
    /// run ahead of events committed after it (<see cref="ArrivalOrder.Slack"/>). The table holds one row per distinct
    /// trace, so it is read whole.
    /// </summary>
    public static StoreStatement PruneSharedTraces(DateTimeOffset now) => new($"""
        DELETE FROM ingestion_traces
        WHERE LastSeenAt < MIN(COALESCE((SELECT MIN(At) FROM ingestion_ledger), $now),
                               COALESCE((SELECT ReceivedAt FROM events ORDER BY Seq LIMIT 1) - {SlackMs}, $now))
                           - {SharedTraces.LeaseMilliseconds};
        """, [new("$now", now.ToUnixTimeMilliseconds())]);

    /// <summary>
    /// Activity entries older than the cutoff, a batch at a time, except the newest row: a run's derived start and end are
    /// placed after the newest activity Id (M017, M021), so that Id must never go back. Derived entries go with their run row.
    /// </summary>
    public static StoreStatement PruneActivity(DateTimeOffset cutoff, int limit, Action<int> deleted) => new(
        $"DELETE FROM activity WHERE Id IN (SELECT Id FROM activity WHERE Id < {ArrivalOrder.UpperKey("activity", "Id", "At", "$cutoff")} AND At < $cutoff " +
        "AND Id < (SELECT MAX(Id) FROM activity) LIMIT $limit) RETURNING Id;",
        [new("$cutoff", cutoff.ToUnixTimeMilliseconds()), new("$limit", limit)]) { ReadRows = reader => deleted(Count(reader)) };

    /// <summary>Pruned identities older than the de-duplication window, a batch at a time.</summary>
    public static StoreStatement ForgetIdentities(DateTimeOffset cutoff, int limit, Action<int> deleted) => new(
        "DELETE FROM pruned_event_ids WHERE (Source, Id) IN (SELECT Source, Id FROM pruned_event_ids WHERE PrunedAt < $cutoff LIMIT $limit) RETURNING Id;",
        [new("$cutoff", cutoff.ToUnixTimeMilliseconds()), new("$limit", limit)]) { ReadRows = reader => deleted(Count(reader)) };

    private static int Count(Microsoft.Data.Sqlite.SqliteDataReader reader)
    {
        var count = 0;
        while (reader.Read())
        {
            count++;
        }

        return count;
    }
}
