using Dashboard.Data.Telemetry;
using static Dashboard.Data.Events.EventStoreCommands;

namespace Dashboard.Data.Events;

/// <summary>Writes the rows of one request with the writer's prepared commands, inside the writer's transaction.</summary>
internal static class EventStoreRows
{
    public static IReadOnlyList<StoredEvent> Write(EventStoreCommands commands, WriteRequest request)
    {
        if (request.Statements is { } statements)
        {
            foreach (var statement in statements)
            {
                commands.Execute(statement);
            }

            return [];
        }

        var ledger = request.LedgerTemplate;
        if (request.Events.Count == 0)
        {
            var ledgerId = InsertLedger(commands, ledger, ledger.Outcome, ledger.Status, null, null, ledger.Trace, null);
            foreach (var activity in request.Activity)
            {
                InsertActivity(commands, activity, ledgerId);
            }

            return [new StoredEvent(null, false, ledgerId)];
        }

        var results = new StoredEvent[request.Events.Count];
        for (var i = 0; i < request.Events.Count; i++)
        {
            var e = request.Events[i];
            var insert = commands.InsertEvent;
            var receivedAt = ledger.At.ToUnixTimeMilliseconds();
            insert.Bind(1, e.Id);
            insert.Bind(2, e.Source);
            insert.Bind(3, e.Type);
            insert.Bind(4, e.Subject);
            insert.Bind(5, e.Time?.ToUnixTimeMilliseconds());
            insert.Bind(6, e.DataContentType);
            insert.Bind(7, e.DataSchema);
            insert.Bind(8, e.ExtensionsJson);
            insert.Bind(9, e.Data);
            insert.Bind(10, e.DataIsJson ? 1 : 0);
            insert.Bind(11, e.DefinitionId);
            insert.Bind(12, e.ContentMode);
            insert.Bind(13, e.Initiator);
            insert.Bind(14, e.CausationId);
            insert.Bind(15, receivedAt);
            // The event row is the accepted outcome (M020): what its ledger row said goes on it, the trace by reference.
            // The trace is known before the insert says whether the event is new; a cached trace costs nothing.
            var accepted = e.TraceHead is null ? null : IngestionTrace.Compose(e.TraceHead, IngestionTrace.NewEventStep, e.TraceRouted);
            insert.Bind(16, ledger.RemoteAddress);
            insert.Bind(17, ledger.Route);
            insert.Bind(18, ledger.Status);
            insert.Bind(19, ledger.TokenId);
            insert.Bind(20, e.RoutingJson);
            insert.Bind(21, accepted is null ? null : commands.Traces.IdOf(accepted, receivedAt));
            StoreMetrics.StatementExecuted();
            var seq = insert.Insert();
            if (seq is { } stored)
            {
                var claimedRuns = InsertRuns(commands, e, stored, ledger.At.ToUnixTimeMilliseconds());
                results[i] = new StoredEvent(stored, false, -stored) { ClaimedRunIds = claimedRuns };
                continue;
            }

            // A duplicate keeps its ledger row; its trace names the stored event it repeats, so it is its own.
            var row = ledger with { EventId = e.Id, EventSource = e.Source, EventType = e.Type, DefinitionId = e.DefinitionId ?? ledger.DefinitionId };
            var trace = e.TraceHead is null ? null : IngestionTrace.Compose(e.TraceHead, DuplicateStep(commands, e), null);
            var ledgerId = InsertLedger(commands, row, "Duplicate", 200, null, null, trace, null);
            results[i] = new StoredEvent(null, true, ledgerId);
        }

        return results;
    }

    /// <summary>Inserts the event's runs, the first <see cref="NewEvent.ClaimedRuns"/> already claimed; returns their ids, or null when none was.</summary>
    private static long[]? InsertRuns(EventStoreCommands commands, NewEvent e, long seq, long at)
    {
        var claimed = e.ClaimedRuns > 0 ? new long[Math.Min(e.ClaimedRuns, e.Runs.Count)] : null;
        for (var r = 0; r < e.Runs.Count; r++)
        {
            var claim = claimed is not null && r < claimed.Length;
            var insert = claim ? commands.InsertClaimedRun : commands.InsertRun;
            insert.Bind(1, e.Runs[r].WorkflowId);
            insert.Bind(2, e.Runs[r].WorkflowVersion);
            insert.Bind(3, seq);
            insert.Bind(4, at);
            StoreMetrics.StatementExecuted();
            var id = insert.Insert();
            if (claim)
            {
                claimed![r] = id!.Value;
            }
        }

        return claimed;
    }

    /// <summary>
    /// Records the token uses of a whole batch: one update per token (latest use, failures summed) instead of one per
    /// request, since a busy sender's requests share one token.
    /// </summary>
    public static void WriteTokenUses(EventStoreCommands commands, IReadOnlyList<WriteRequest> batch)
    {
        Dictionary<long, (long LastUsed, int Failures)>? uses = null;
        foreach (var request in batch)
        {
            if (request.TokenUse is not { } use)
            {
                continue;
            }

            uses ??= [];
            var (lastUsed, failures) = uses.GetValueOrDefault(use.TokenId, (long.MinValue, 0));
            uses[use.TokenId] = use.Failed ? (lastUsed, failures + 1) : (Math.Max(lastUsed, use.At.ToUnixTimeMilliseconds()), failures);
        }

        foreach (var (tokenId, (lastUsed, failures)) in uses ?? [])
        {
            if (lastUsed != long.MinValue)
            {
                Set(commands.TokenUsed, "$id", tokenId);
                Set(commands.TokenUsed, "$at", lastUsed);
                StoreMetrics.StatementExecuted();
                commands.TokenUsed.ExecuteNonQuery();
            }

            if (failures > 0)
            {
                Set(commands.TokenFailed, "$id", tokenId);
                Set(commands.TokenFailed, "$count", failures);
                StoreMetrics.StatementExecuted();
                commands.TokenFailed.ExecuteNonQuery();
            }
        }
    }

    private static string DuplicateStep(EventStoreCommands commands, NewEvent e)
    {
        Set(commands.StoredSeq, "$source", e.Source);
        Set(commands.StoredSeq, "$id", e.Id);
        var original = commands.StoredSeq.ExecuteScalar() as long?;
        return IngestionTrace.Step("dedupe", TraceResult.Info, original is { } seq
            ? $"duplicate of stored event #{seq} (same source and id): not stored again, no runs"
            : "duplicate of an event whose data was pruned (same source and id): not stored again, no runs");
    }

    private static long InsertLedger(EventStoreCommands commands, LedgerRow row, string outcome, int status, long? seq, string? routing, string? trace, long? traceId)
    {
        var insert = commands.InsertLedger;
        Set(insert, "$at", row.At.ToUnixTimeMilliseconds());
        Set(insert, "$remote", row.RemoteAddress);
        Set(insert, "$route", row.Route);
        Set(insert, "$mode", row.ContentMode);
        Set(insert, "$outcome", outcome);
        Set(insert, "$status", status);
        Set(insert, "$reason", row.Reason);
        Set(insert, "$def", row.DefinitionId);
        Set(insert, "$token", row.TokenId);
        Set(insert, "$eid", row.EventId);
        Set(insert, "$esource", row.EventSource);
        Set(insert, "$etype", row.EventType);
        Set(insert, "$seq", seq);
        Set(insert, "$routing", routing);
        Set(insert, "$trace", trace);
        Set(insert, "$traceid", traceId);
        StoreMetrics.StatementExecuted();
        return (long)insert.ExecuteScalar()!;
    }

    private static void InsertActivity(EventStoreCommands commands, ActivityRow activity, long ledgerId)
    {
        var insert = commands.InsertActivity;
        Set(insert, "$at", activity.At.ToUnixTimeMilliseconds());
        Set(insert, "$wf", activity.WorkflowId);
        Set(insert, "$kind", activity.Kind);
        Set(insert, "$message", activity.Message);
        Set(insert, "$actor", activity.Actor);
        Set(insert, "$ledger", ledgerId);
        Set(insert, "$remote", activity.RemoteAddress);
        Set(insert, "$token", activity.TokenId);
        StoreMetrics.StatementExecuted();
        insert.ExecuteNonQuery();
    }
}
