using System.Runtime.CompilerServices;
using System.Text;
using Dashboard.Data;
using Dashboard.Data.Events;
using Microsoft.Data.Sqlite;

namespace Dashboard.Web.Features.Activity;

/// <summary>Reads the <c>activity</c> table (every writer's entries) with the workflow, token and ledger details it points to.</summary>
public sealed class ActivityQueries(SqliteConnectionFactory connections)
{
    public const int MaxTake = 500;

    private const string Select = """
        SELECT a.Id, a.At, a.WorkflowId, w.Name, a.Kind, a.Message, a.Actor, a.EventSeq, a.RunId, a.LedgerId, a.RemoteAddress, a.TokenId,
               t.Name, l.Reason, l.Status, l.Route
        FROM activity a
        LEFT JOIN workflow_definitions w ON w.Id = a.WorkflowId
        LEFT JOIN api_tokens t ON t.Id = a.TokenId
        LEFT JOIN ingestion_ledger l ON l.Id = a.LedgerId
        """;

    public async Task<Page<ActivityRowView>> PageAsync(ActivityFilter filter, int skip, int take, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        var where = Where(filter, command);
        command.CommandText = $"{Select} {where} ORDER BY a.Id DESC LIMIT $take OFFSET $skip";
        command.Parameters.AddWithValue("$take", Math.Clamp(take, 1, MaxTake));
        command.Parameters.AddWithValue("$skip", Math.Max(skip, 0));
        var rows = new List<ActivityRowView>();
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                rows.Add(Read(reader));
            }
        }

        command.CommandText = $"SELECT COUNT(*) FROM activity a {where}";
        return new Page<ActivityRowView>(rows, (long)(await command.ExecuteScalarAsync(cancellationToken))!);
    }

    /// <summary>Every matching row, newest first, up to <paramref name="limit"/>, streamed for export.</summary>
    public async IAsyncEnumerable<ActivityRowView> StreamAsync(ActivityFilter filter, int limit, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"{Select} {Where(filter, command)} ORDER BY a.Id DESC LIMIT $take";
        command.Parameters.AddWithValue("$take", limit);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            yield return Read(reader);
        }
    }

    private static string Where(ActivityFilter filter, SqliteCommand command)
    {
        var sql = new StringBuilder("WHERE 1 = 1");
        if (filter.WorkflowId is { } workflow)
        {
            sql.Append(" AND a.WorkflowId = $wf");
            command.Parameters.AddWithValue("$wf", workflow);
        }

        if (!string.IsNullOrWhiteSpace(filter.Kind))
        {
            var kind = filter.Kind.Trim();
            if (kind.EndsWith('*'))
            {
                sql.Append(" AND substr(a.Kind, 1, $kindLength) = $kind");
                command.Parameters.AddWithValue("$kindLength", kind.Length - 1);
                command.Parameters.AddWithValue("$kind", kind[..^1]);
            }
            else
            {
                sql.Append(" AND a.Kind = $kind");
                command.Parameters.AddWithValue("$kind", kind);
            }
        }

        if (filter.From is { } from)
        {
            sql.Append(" AND a.At >= $from");
            command.Parameters.AddWithValue("$from", from.ToUnixTimeMilliseconds());
        }

        if (filter.To is { } to)
        {
            sql.Append(" AND a.At < $to");
            command.Parameters.AddWithValue("$to", to.ToUnixTimeMilliseconds());
        }

        return sql.ToString();
    }

    private static ActivityRowView Read(SqliteDataReader r) => new(
        r.GetInt64(0), DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(1)), Long(r, 2), Text(r, 3), r.GetString(4), r.GetString(5),
        Text(r, 6), Long(r, 7), Long(r, 8), Long(r, 9), Text(r, 10), Long(r, 11), Text(r, 12), Text(r, 13),
        r.IsDBNull(14) ? null : r.GetInt32(14), Text(r, 15));

    private static string? Text(SqliteDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    private static long? Long(SqliteDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetInt64(ordinal);
}

/// <summary>One activity entry with what it refers to.</summary>
public sealed record ActivityRowView(
    long Id, DateTimeOffset At, long? WorkflowId, string? WorkflowName, string Kind, string Message, string? Actor, long? EventSeq,
    long? RunId, long? LedgerId, string? RemoteAddress, long? TokenId, string? TokenName, string? Reason, int? Status, string? Route)
{
    public bool IsAuthFailure => ActivityFilter.IsAuthFailure(Kind);
}
