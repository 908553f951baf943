using System.Text;
using Dashboard.Data;
using Dashboard.Data.Events;
using Microsoft.Data.Sqlite;

namespace Dashboard.Web.Features.Events;

/// <summary>
/// Server-side paged search over stored events.
/// Index strategy: every predicate except the payload one is served by an index of migration 2/3 (DefinitionId+ReceivedAt,
/// Type, Source+Id, and the ledger's Source+Id for the outcome) or by the primary key: a time range is also a
/// <c>Seq</c> range (<see cref="ArrivalOrder"/>), since M018 dropped the ReceivedAt index. The payload predicate
/// <c>json_extract(CAST(Data AS TEXT), '$.path')</c> is written with the validated path inlined as a literal and guarded by
/// <c>DataIsJson = 1</c>, so a partial expression index on a hot path is used as is, e.g.
/// <c>CREATE INDEX IX_events_data_orderId ON events (json_extract(CAST(Data AS TEXT), '$.orderId')) WHERE DataIsJson = 1;</c>.
/// Without such an index it is evaluated only on rows the other predicates and the page limit leave.
/// </summary>
public sealed class EventSearchQueries(SqliteConnectionFactory connections)
{
    public const int MaxTake = 500;

    public async Task<Page<EventSearchRow>> SearchAsync(EventSearchFilter filter, int skip, int take, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        var where = Where(filter, command);
        command.CommandText = $"""
            SELECT e.Seq, e.Id, e.Source, e.Type, e.Subject, e.Time, e.DefinitionId, d.Key, e.ContentMode, e.ReceivedAt, length(e.Data)
            FROM events e LEFT JOIN event_definitions d ON d.Id = e.DefinitionId
            {where} ORDER BY e.Seq DESC LIMIT $take OFFSET $skip
            """;
        command.Parameters.AddWithValue("$take", Math.Clamp(take, 1, MaxTake));
        command.Parameters.AddWithValue("$skip", Math.Max(skip, 0));
        var rows = new List<EventSearchRow>();
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                rows.Add(new EventSearchRow(
                    reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), Text(reader, 4),
                    reader.IsDBNull(5) ? null : DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(5)),
                    reader.IsDBNull(6) ? null : reader.GetInt64(6), Text(reader, 7), reader.GetString(8),
                    DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(9)), reader.IsDBNull(10) ? 0 : reader.GetInt64(10)));
            }
        }

        command.CommandText = $"SELECT COUNT(*) FROM events e {where}";
        var total = (long)(await command.ExecuteScalarAsync(cancellationToken))!;
        return new Page<EventSearchRow>(rows, total);
    }

    private static string Where(EventSearchFilter filter, SqliteCommand command)
    {
        var sql = new StringBuilder("WHERE 1 = 1");
        void Add(string clause, string name, object value)
        {
            sql.Append(" AND ").Append(clause);
            command.Parameters.AddWithValue(name, value);
        }

        if (filter.From is { } from)
        {
            Add($"e.Seq >= {ArrivalOrder.LowerKey("events", "Seq", "ReceivedAt", "$from")} AND e.ReceivedAt >= $from", "$from", from.ToUnixTimeMilliseconds());
        }

        if (filter.To is { } to)
        {
            Add($"e.Seq < {ArrivalOrder.UpperKey("events", "Seq", "ReceivedAt", "$to")} AND e.ReceivedAt < $to", "$to", to.ToUnixTimeMilliseconds());
        }

        if (filter.DefinitionId is { } definition)
        {
            Add("e.DefinitionId = $def", "$def", definition);
        }

        Text("e.Type", "$type", filter.Type);
        Text("e.Source", "$source", filter.Source);
        Text("e.Subject", "$subject", filter.Subject);
        Text("e.Id", "$id", filter.Id);
        if (!string.IsNullOrWhiteSpace(filter.Outcome))
        {
            // The ledger log (LedgerLogSql): an event's acceptance is its own row (M020), or, stored before M020, a ledger
            // row carrying its Seq; duplicates and rejections of the same identity are ledger rows without one.
            Add($"""
                (($outcome = '{LedgerLogSql.AcceptedOutcome}' AND {LedgerLogSql.EventHasEntry})
                 OR EXISTS (SELECT 1 FROM ingestion_ledger l WHERE l.EventSeq = e.Seq AND l.Outcome = $outcome)
                 OR EXISTS (SELECT 1 FROM ingestion_ledger l WHERE l.EventSeq IS NULL AND l.EventSource = e.Source AND l.EventId = e.Id AND l.Outcome = $outcome))
                """, "$outcome", filter.Outcome.Trim());
        }

        if (filter.TryParsePayload(out var path, out var value, out _))
        {
            // The path passed the strict pattern in EventSearchFilter (no quotes other than "..." keys), so inlining it is safe.
            var extract = $"json_extract(CAST(e.Data AS TEXT), '{path}')";
            if (value is null)
            {
                sql.Append($" AND e.DataIsJson = 1 AND {extract} IS NULL");
            }
            else
            {
                Add($"e.DataIsJson = 1 AND {extract} = $pv", "$pv", value);
            }
        }

        return sql.ToString();

        void Text(string column, string name, string? pattern)
        {
            if (string.IsNullOrWhiteSpace(pattern))
            {
                return;
            }

            pattern = pattern.Trim();
            if (pattern.EndsWith('*'))
            {
                var prefix = pattern[..^1];
                Add($"substr({column}, 1, {prefix.Length}) = {name}", name, prefix);
            }
            else
            {
                Add($"{column} = {name}", name, pattern);
            }
        }
    }

    private static string? Text(SqliteDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);
}

/// <summary>One row of the events search.</summary>
public sealed record EventSearchRow(
    long Seq, string Id, string Source, string Type, string? Subject, DateTimeOffset? Time, long? DefinitionId,
    string? DefinitionKey, string ContentMode, DateTimeOffset ReceivedAt, long DataBytes);
