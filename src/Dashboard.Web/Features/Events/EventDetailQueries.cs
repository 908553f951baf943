using Dashboard.Data;
using Dashboard.Data.Events;

namespace Dashboard.Web.Features.Events;

/// <summary>Everything the event detail page shows, read in one go.</summary>
public sealed class EventDetailQueries(EventQueries events, SqliteConnectionFactory connections)
{
    /// <summary>One ledger row (a rejection, duplicate or acceptance) with its recorded trace.</summary>
    public Task<LedgerView?> LedgerRowAsync(long id, CancellationToken cancellationToken) => events.LedgerRowAsync(id, cancellationToken);

    public async Task<EventDetailData?> GetAsync(long seq, CancellationToken cancellationToken)
    {
        var stored = await events.GetAsync(seq, cancellationToken);
        if (stored is null)
        {
            return null;
        }

        var ledger = await events.LedgerForAsync(stored.Source, stored.Id, cancellationToken);
        var runs = await events.RunsForAsync(seq, cancellationToken);
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT d.AuthMode, d.DataSchema IS NOT NULL, t.Name
            FROM (SELECT 1) LEFT JOIN event_definitions d ON d.Id = $def
            LEFT JOIN api_tokens t ON t.Id = COALESCE((SELECT TokenId FROM events WHERE Seq = $seq),
                                                      (SELECT TokenId FROM ingestion_ledger WHERE EventSeq = $seq LIMIT 1))
            """;
        command.Parameters.AddWithValue("$def", (object?)stored.DefinitionId ?? DBNull.Value);
        command.Parameters.AddWithValue("$seq", seq);
        string? authMode = null;
        var hasSchema = false;
        string? tokenName = null;
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            if (await reader.ReadAsync(cancellationToken))
            {
                authMode = reader.IsDBNull(0) ? null : reader.GetString(0);
                hasSchema = !reader.IsDBNull(1) && reader.GetInt64(1) != 0;
                tokenName = reader.IsDBNull(2) ? null : reader.GetString(2);
            }
        }

        var published = new List<PublishedEvent>();
        if (runs.Count > 0)
        {
            command.Parameters.Clear();
            command.CommandText = """
                SELECT e.Seq, e.Id, e.Type, e.Source, e.CausationId, e.ReceivedAt FROM events e
                WHERE e.CausationId IN (SELECT CAST(r.Id AS TEXT) FROM runs r WHERE r.EventSeq = $seq) ORDER BY e.Seq LIMIT 200
                """;
            command.Parameters.AddWithValue("$seq", seq);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                published.Add(new PublishedEvent(reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetString(3),
                    reader.GetString(4), DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(5))));
            }
        }

        return new EventDetailData(stored, ledger, runs, published, authMode, hasSchema, tokenName);
    }
}

public sealed record EventDetailData(
    StoredEventView Event, IReadOnlyList<LedgerView> Ledger, IReadOnlyList<EventRunView> Runs, IReadOnlyList<PublishedEvent> Published,
    string? AuthMode, bool HasSchema, string? TokenName);

/// <summary>An event a run published (its CausationId is the run's id).</summary>
public sealed record PublishedEvent(long Seq, string Id, string Type, string Source, string CausationId, DateTimeOffset ReceivedAt);
