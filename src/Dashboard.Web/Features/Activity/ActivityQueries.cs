using System.Runtime.CompilerServices;
using Dashboard.Data;
using Dashboard.Data.Events;
using Dashboard.Runtime.Workflows.Services;
using Microsoft.Data.Sqlite;

namespace Dashboard.Web.Features.Activity;

/// <summary>Reads the activity log (every writer's entries and each run's start) with the workflow, token and ledger details it points to.</summary>
public sealed class ActivityQueries(SqliteConnectionFactory connections)
{
    public const int MaxTake = 500;

    /// <summary>The page's entries (<see cref="ActivityLogSql"/>) with the workflow, token and ledger details they point to.</summary>
    private static string Select(string entries) => $"""
        SELECT a.Id, a.At, a.WorkflowId, w.Name, a.Kind, a.Message, a.Actor, a.EventSeq, a.RunId, a.LedgerId, a.RemoteAddress, a.TokenId,
               t.Name, l.Reason, l.Status, l.Route
        FROM ({entries}) a
        LEFT JOIN workflow_definitions w ON w.Id = a.WorkflowId
        LEFT JOIN api_tokens t ON t.Id = a.TokenId
        LEFT JOIN ingestion_ledger l ON l.Id = a.LedgerId
        ORDER BY {ActivityLogSql.Order("a.")}
        """;

    public async Task<Page<ActivityRowView>> PageAsync(ActivityFilter filter, int skip, int take, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        var parameters = new List<(string Name, object? Value)> { ("$take", Math.Clamp(take, 1, MaxTake)), ("$skip", Math.Max(skip, 0)) };
        await using var command = Command(connection, Select(ActivityLogSql.Entries(ToLog(filter), parameters)), parameters);
        var rows = new List<ActivityRowView>();
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                rows.Add(Read(reader));
            }
        }

        var countParameters = new List<(string Name, object? Value)>();
        await using var count = Command(connection, ActivityLogSql.Count(ToLog(filter), countParameters), countParameters);
        return new Page<ActivityRowView>(rows, (long)(await count.ExecuteScalarAsync(cancellationToken))!);
    }

    /// <summary>Every matching row, newest first, up to <paramref name="limit"/>, streamed for export.</summary>
    public async IAsyncEnumerable<ActivityRowView> StreamAsync(ActivityFilter filter, int limit, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        var parameters = new List<(string Name, object? Value)> { ("$take", limit) };
        await using var command = Command(connection, Select(ActivityLogSql.Entries(ToLog(filter), parameters, skip: false)), parameters);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            yield return Read(reader);
        }
    }

    private static ActivityLogFilter ToLog(ActivityFilter filter) =>
        new(filter.WorkflowId, filter.Kind, filter.From?.ToUnixTimeMilliseconds(), filter.To?.ToUnixTimeMilliseconds());

    private static SqliteCommand Command(SqliteConnection connection, string sql, List<(string Name, object? Value)> parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        return command;
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
