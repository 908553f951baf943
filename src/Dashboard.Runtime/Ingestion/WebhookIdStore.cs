using Dashboard.Data;

namespace Dashboard.Runtime.Ingestion;

/// <summary>
/// The durable half of the HMAC replay guard: a <c>webhook-id</c> is recorded once per definition in the store and
/// kept until its tolerance window has passed, so a replay is refused across restarts. Expired ids are purged as
/// new ones arrive.
/// </summary>
public sealed class WebhookIdStore(SqliteConnectionFactory connections)
{
    private const int PurgeEvery = 256;
    private int _sincePurge;

    /// <summary>True when the id was not seen before (and is now recorded); false for a replay.</summary>
    public async Task<bool> TryRecordAsync(long definitionId, string webhookId, long expiresAtUnixSeconds, long nowUnixSeconds, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        var purge = Interlocked.Increment(ref _sincePurge) % PurgeEvery == 1;
        command.CommandText = (purge ? "DELETE FROM webhook_ids WHERE ExpiresAt < $now; " : "")
            + "INSERT INTO webhook_ids (DefinitionId, WebhookId, ExpiresAt) VALUES ($definition, $id, $expires) "
            + "ON CONFLICT (DefinitionId, WebhookId) DO UPDATE SET ExpiresAt = excluded.ExpiresAt WHERE webhook_ids.ExpiresAt < $now; "
            + "SELECT changes();";
        command.Parameters.AddWithValue("$definition", definitionId);
        command.Parameters.AddWithValue("$id", webhookId);
        command.Parameters.AddWithValue("$expires", expiresAtUnixSeconds);
        command.Parameters.AddWithValue("$now", nowUnixSeconds);
        var changed = Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), System.Globalization.CultureInfo.InvariantCulture);
        return changed == 1;
    }
}
