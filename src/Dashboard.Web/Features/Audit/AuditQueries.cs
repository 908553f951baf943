using System.Runtime.CompilerServices;
using System.Text;
using Dashboard.Data;
using Dashboard.Data.Events;
using Microsoft.Data.Sqlite;

namespace Dashboard.Web.Features.Audit;

/// <summary>Reads <c>audit_entries</c> newest first: one filtered page with the total, a stream for export, and the actors seen.</summary>
public sealed class AuditQueries(SqliteConnectionFactory connections)
{
    public const int MaxPageSize = 500;

    private const string Select = "SELECT Id, At, Actor, Action, Target, Details FROM audit_entries";

    public async Task<Page<AuditEntryView>> PageAsync(AuditFilter filter, PageRequest request, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        var where = Where(filter, command);
        command.CommandText = $"{Select} {where} ORDER BY Id DESC LIMIT $take OFFSET $skip";
        command.Parameters.AddWithValue("$take", Math.Clamp(request.PageSize, 1, MaxPageSize));
        command.Parameters.AddWithValue("$skip", Math.Max(request.Skip, 0));
        var rows = new List<AuditEntryView>();
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                rows.Add(Read(reader));
            }
        }

        command.CommandText = $"SELECT COUNT(*) FROM audit_entries {where}";
        return new Page<AuditEntryView>(rows, (long)(await command.ExecuteScalarAsync(cancellationToken))!);
    }

    /// <summary>Every matching entry, newest first, up to <paramref name="limit"/>, streamed for export.</summary>
    public async IAsyncEnumerable<AuditEntryView> StreamAsync(AuditFilter filter, int limit, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"{Select} {Where(filter, command)} ORDER BY Id DESC LIMIT $take";
        command.Parameters.AddWithValue("$take", limit);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            yield return Read(reader);
        }
    }

    /// <summary>The actors that appear in the log, for the filter list (at most 200).</summary>
    public async Task<IReadOnlyList<string>> ActorsAsync(CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT DISTINCT Actor FROM audit_entries ORDER BY Actor LIMIT 200";
        var actors = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            actors.Add(reader.GetString(0));
        }

        return actors;
    }

    private static string Where(AuditFilter filter, SqliteCommand command)
    {
        var sql = new StringBuilder("WHERE 1 = 1");
        if (filter.Actor is { } actor)
        {
            sql.Append(" AND Actor = $actor");
            command.Parameters.AddWithValue("$actor", actor);
        }

        if (filter.Action is { } action)
        {
            var prefix = action.EndsWith('*');
            sql.Append(prefix ? " AND substr(Action, 1, length($action)) = $action" : " AND Action = $action");
            command.Parameters.AddWithValue("$action", prefix ? action[..^1] : action);
        }

        if (filter.From is { } from)
        {
            sql.Append(" AND At >= $from");
            command.Parameters.AddWithValue("$from", from.ToUnixTimeMilliseconds());
        }

        if (filter.To is { } to)
        {
            sql.Append(" AND At < $to");
            command.Parameters.AddWithValue("$to", to.ToUnixTimeMilliseconds());
        }

        return sql.ToString();
    }

    private static AuditEntryView Read(SqliteDataReader r) => new(
        r.GetInt64(0), DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(1)), r.GetString(2), r.GetString(3),
        r.IsDBNull(4) ? null : r.GetString(4), r.IsDBNull(5) ? null : r.GetString(5));
}
