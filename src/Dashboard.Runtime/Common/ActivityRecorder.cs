using Dashboard.Data;

namespace Dashboard.Runtime.Common;

/// <summary>Writes activity entries that no ingestion request carries (source decisions such as skipped cron fires, eventing fallbacks).</summary>
public sealed class ActivityRecorder(SqliteConnectionFactory connections, TimeProvider clock)
{
    public async Task RecordAsync(long? workflowId, string kind, string message, string actor, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = "INSERT INTO activity (At, WorkflowId, Kind, Message, Actor) VALUES ($at, $wf, $kind, $message, $actor);";
        command.Parameters.AddWithValue("$at", clock.GetUtcNow().ToUnixTimeMilliseconds());
        command.Parameters.AddWithValue("$wf", (object?)workflowId ?? DBNull.Value);
        command.Parameters.AddWithValue("$kind", kind);
        command.Parameters.AddWithValue("$message", message);
        command.Parameters.AddWithValue("$actor", actor);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
