using System.Text.Json;
using Dashboard.Data;
using Dashboard.Runtime.Common;
using Dashboard.Runtime.Contracts;
using Dashboard.Runtime.Workflows.Store;
using Microsoft.Extensions.Options;

namespace Dashboard.Runtime.Nats.ScaleOut;

/// <summary>
/// On the owner: runs left Running by a worker that is no longer heard from go back to Queued, due now, and resume at
/// their last stored step on whichever instance claims them (at-least-once, as after a restart).
/// </summary>
public sealed class LostWorkerRuns(
    SqliteConnectionFactory connections,
    RunWriter writer,
    IDispatchControl dispatcher,
    IOptions<RuntimeOptions> runtime,
    TimeProvider clock)
{
    /// <summary>Requeues Running runs of workers not in <paramref name="alive"/> whose last update is older than <paramref name="quietSince"/>.</summary>
    public async Task<int> RequeueAsync(IReadOnlyList<string> alive, DateTimeOffset quietSince, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var requeued = new List<(long RunId, long WorkflowId, long EventSeq, int StepIndex, string Worker)>();
        await using (var connection = await connections.OpenAsync(cancellationToken).ConfigureAwait(false))
        {
            await using var command = connection.CreateCommand();
            command.CommandText = """
                UPDATE runs SET State = 'Queued', NextAttemptAt = $now, UpdatedAt = $now
                WHERE State = 'Running' AND ExecutedBy IS NOT NULL AND ExecutedBy <> $owner
                  AND ExecutedBy NOT IN (SELECT value FROM json_each($alive)) AND COALESCE(UpdatedAt, CreatedAt) < $quiet
                RETURNING Id, WorkflowId, EventSeq, StepIndex, ExecutedBy;
                """;
            command.Parameters.AddWithValue("$now", RunStatements.Ms(now));
            command.Parameters.AddWithValue("$owner", runtime.Value.EffectiveInstanceName);
            command.Parameters.AddWithValue("$alive", JsonSerializer.Serialize(alive));
            command.Parameters.AddWithValue("$quiet", RunStatements.Ms(quietSince));
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                requeued.Add((reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt32(3), reader.GetString(4)));
            }
        }

        if (requeued.Count > 0)
        {
            await writer.WriteAsync(requeued.Select(r => RunStatements.Activity(now, r.WorkflowId, ActivityKinds.RunResumed,
                $"run {r.RunId} was running on worker {r.Worker}, which stopped sending heartbeats; resuming at step {r.StepIndex + 1}",
                "system: scale-out", r.EventSeq, r.RunId)).ToList(), cancellationToken).ConfigureAwait(false);
            dispatcher.Wake();
        }

        return requeued.Count;
    }
}
