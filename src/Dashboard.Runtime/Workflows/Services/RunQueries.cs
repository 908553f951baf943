using System.Text.Json.Nodes;
using Dashboard.Data;
using Microsoft.Data.Sqlite;

namespace Dashboard.Runtime.Workflows.Services;

/// <summary>Read side for the UI and API: runs of a workflow, run detail, activity logs and dead letters.</summary>
public sealed partial class RunQueries(SqliteConnectionFactory connections)
{
    public const int MaxPageSize = 200;

    // A run started by an event carries no initiator of its own: show the event's (a user, a schedule, a workflow).
    public const string RunColumns = """
        r.Id, r.WorkflowId, w.Name, r.WorkflowVersion, r.EventSeq, r.State, r.StepIndex, r.Attempt, r.CreatedAt, r.StartedAt, r.FinishedAt,
        r.NextAttemptAt, r.Error, r.FailedStep, COALESCE(r.Initiator, (SELECT ev.Initiator FROM events ev WHERE ev.Seq = r.EventSeq)),
        r.ReplayOf, r.Reason, r.CancelRequested
        """;

    private const string RunsWhere = """
        WHERE r.WorkflowId = $wf AND ($state IS NULL OR r.State = $state)
          AND ($from IS NULL OR r.CreatedAt >= $from) AND ($to IS NULL OR r.CreatedAt < $to)
        """;

    /// <summary>
    /// One page of a workflow's runs, newest first. The <c>(WorkflowId)</c> index (M010) returns a workflow's runs in id
    /// order, so a page reads only its rows instead of sorting all of the workflow's runs.
    /// </summary>
    public const string RunsPageSql =
        $"SELECT {RunColumns} FROM runs r LEFT JOIN workflow_definitions w ON w.Id = r.WorkflowId {RunsWhere} ORDER BY r.Id DESC LIMIT $take OFFSET $skip;";

    public const string RunsCountSql = $"SELECT COUNT(*) FROM runs r {RunsWhere};";

    public async Task<PagedList<RunSummary>> GetRunsAsync(long workflowId, RunFilter filter, CancellationToken cancellationToken)
    {
        var (page, size) = Paging(filter.Page, filter.PageSize);
        await using var connection = await connections.OpenAsync(cancellationToken).ConfigureAwait(false);
        var parameters = new (string, object?)[]
        {
            ("$wf", workflowId), ("$state", filter.State), ("$from", filter.From?.ToUnixTimeMilliseconds()), ("$to", filter.To?.ToUnixTimeMilliseconds()),
        };
        var total = (long)(await ScalarAsync(connection, RunsCountSql, parameters, cancellationToken).ConfigureAwait(false) ?? 0L);
        var items = await ListAsync(connection, RunsPageSql, [.. parameters, ("$take", size), ("$skip", (page - 1) * size)], ReadRun, cancellationToken)
            .ConfigureAwait(false);
        return new PagedList<RunSummary>(items, page, size, total);
    }

    public async Task<RunSummary?> GetRunAsync(long runId, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken).ConfigureAwait(false);
        var runs = await ListAsync(connection, $"SELECT {RunColumns} FROM runs r LEFT JOIN workflow_definitions w ON w.Id = r.WorkflowId WHERE r.Id = $id;",
            [("$id", runId)], ReadRun, cancellationToken).ConfigureAwait(false);
        return runs.FirstOrDefault();
    }

    public async Task<RunDetail?> GetRunDetailAsync(long runId, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken).ConfigureAwait(false);
        var run = (await ListAsync(connection, $"SELECT {RunColumns}, r.Variables FROM runs r LEFT JOIN workflow_definitions w ON w.Id = r.WorkflowId WHERE r.Id = $id;",
            [("$id", runId)], r => (ReadRun(r), r.IsDBNull(18) ? null : r.GetString(18)), cancellationToken).ConfigureAwait(false)).FirstOrDefault();
        if (run.Item1 is null)
        {
            return null;
        }

        var steps = await ListAsync(connection, """
            SELECT Id, StepIndex, StepName, StepType, Attempt, State, Input, Output, Error, Retryable, StartedAt, FinishedAt, DurationMs, IdempotencyKey
            FROM step_results WHERE RunId = $id ORDER BY Id;
            """, [("$id", runId)], ReadStep, cancellationToken).ConfigureAwait(false);
        const string EventColumns = "SELECT Seq, Id, Source, Type, ReceivedAt FROM events";
        var trigger = (await ListAsync(connection, $"{EventColumns} WHERE Seq = $seq;", [("$seq", run.Item1.EventSeq)], ReadEvent, cancellationToken).ConfigureAwait(false)).FirstOrDefault();
        var published = await ListAsync(connection, $"{EventColumns} WHERE CausationId = $run ORDER BY Seq LIMIT 100;",
            [("$run", runId.ToString(System.Globalization.CultureInfo.InvariantCulture))], ReadEvent, cancellationToken).ConfigureAwait(false);
        var variables = run.Item2 is null ? null : JsonNode.Parse(run.Item2) as JsonObject;
        var replays = await ListAsync(connection, ReplayChains.ReplaysOf, [("$id", runId)], ReadReplay, cancellationToken).ConfigureAwait(false);
        return new RunDetail(run.Item1, steps, trigger, published, variables, replays);
    }

    /// <summary>Activity, newest first: one workflow's log, or every entry when <paramref name="workflowId"/> is null.</summary>
    public async Task<PagedList<ActivityEntry>> GetActivityAsync(long? workflowId, int page, int pageSize, CancellationToken cancellationToken)
    {
        (page, pageSize) = Paging(page, pageSize);
        await using var connection = await connections.OpenAsync(cancellationToken).ConfigureAwait(false);
        var filter = new ActivityLogFilter(workflowId);
        var countParameters = new List<(string Name, object? Value)>();
        var total = (long)(await ScalarAsync(connection, ActivityLogSql.Count(filter, countParameters), countParameters, cancellationToken).ConfigureAwait(false) ?? 0L);
        var parameters = new List<(string Name, object? Value)> { ("$take", pageSize), ("$skip", (page - 1) * pageSize) };
        var items = await ListAsync(connection, $"SELECT {ActivityLogSql.Columns} FROM ({ActivityLogSql.Entries(filter, parameters)}) ORDER BY {ActivityLogSql.Order()};", parameters,
            r => new ActivityEntry(r.GetInt64(1), Time(r, 2)!.Value, Long(r, 3), r.GetString(4), r.GetString(5), Str(r, 6), Long(r, 7), Long(r, 8), Str(r, 10)),
            cancellationToken).ConfigureAwait(false);
        return new PagedList<ActivityEntry>(items, page, pageSize, total);
    }

    internal static (int Page, int Size) Paging(int page, int size) => (Math.Max(1, page), Math.Clamp(size <= 0 ? 50 : size, 1, MaxPageSize));

    internal static RunSummary ReadRun(SqliteDataReader r) => new(
        r.GetInt64(0), r.GetInt64(1), Str(r, 2), r.GetInt32(3), r.GetInt64(4), r.GetString(5), r.GetInt32(6), r.GetInt32(7), Time(r, 8)!.Value,
        Time(r, 9), Time(r, 10), Time(r, 11), Str(r, 12), Str(r, 13), Str(r, 14), Long(r, 15), Str(r, 16), r.GetInt64(17) != 0);

    private static StepResultView ReadStep(SqliteDataReader r) => new(
        r.GetInt64(0), r.GetInt32(1), r.GetString(2), r.GetString(3), r.GetInt32(4), r.GetString(5), Str(r, 6), Str(r, 7), Str(r, 8),
        r.GetInt64(9) != 0, Time(r, 10)!.Value, Time(r, 11), Long(r, 12), Str(r, 13));

    internal static ReplayLink ReadReplay(SqliteDataReader r) =>
        new(r.GetInt64(0), r.GetInt64(1), r.GetString(2), r.GetInt32(3), Time(r, 4)!.Value, Time(r, 5), Str(r, 6), Str(r, 7));

    private static LinkedEvent ReadEvent(SqliteDataReader r) => new(r.GetInt64(0), r.GetString(1), r.GetString(2), r.GetString(3), Time(r, 4)!.Value);

    internal static string? Str(SqliteDataReader r, int i) => r.IsDBNull(i) ? null : r.GetString(i);

    internal static long? Long(SqliteDataReader r, int i) => r.IsDBNull(i) ? null : r.GetInt64(i);

    internal static DateTimeOffset? Time(SqliteDataReader r, int i) => r.IsDBNull(i) ? null : DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(i));

    internal static SqliteCommand Command(SqliteConnection connection, string sql, IEnumerable<(string Name, object? Value)> parameters, SqliteTransaction? transaction = null)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        return command;
    }

    internal static async Task<object?> ScalarAsync(SqliteConnection connection, string sql, IEnumerable<(string, object?)> parameters, CancellationToken cancellationToken, SqliteTransaction? transaction = null)
    {
        await using var command = Command(connection, sql, parameters, transaction);
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
    }

    internal static async Task<List<T>> ListAsync<T>(SqliteConnection connection, string sql, IEnumerable<(string, object?)> parameters, Func<SqliteDataReader, T> read,
        CancellationToken cancellationToken, SqliteTransaction? transaction = null)
    {
        await using var command = Command(connection, sql, parameters, transaction);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var items = new List<T>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            items.Add(read(reader));
        }

        return items;
    }
}
