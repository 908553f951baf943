using System.Globalization;
using Dashboard.Data;
using Dashboard.Data.Events;
using Dashboard.Runtime.Workflows.Services;
using Microsoft.Data.Sqlite;

namespace Dashboard.Web.Features.Home;

/// <summary>
/// The overview's numbers for a time range. Run outcomes count distinct runs from their ends (run-succeeded, run-failed,
/// run-dead-lettered) and step-retry rows: activity rows read by Id range from the activity table's primary key, plus
/// each run's first end, read from the run row by its mark (M021; <see cref="ActivityLogSql.FinishesInRange"/>);
/// rejected requests are ledger rows whose outcome starts with Rejected, read from the partial index (M009).
/// </summary>
public sealed class OverviewQueries(SqliteConnectionFactory connections, TimeProvider clock)
{
    public const int TopRows = 5;

    /// <summary>Rejected requests in [$from, $to); its WHERE keeps the partial index's condition so SQLite uses that index.</summary>
    public const string RejectedCountSql =
        "SELECT COUNT(*) AS Value FROM ingestion_ledger WHERE Outcome LIKE 'Rejected%' AND At >= $from AND At < $to";

    /// <summary>The range on the activity table: a range of Ids (M018 dropped its time index) and the exact times.</summary>
    private static readonly string Window =
        $"a.Id >= {ArrivalOrder.LowerKey("activity", "Id", "At", "$from")} AND a.Id < {ArrivalOrder.UpperKey("activity", "Id", "At", "$to")} AND a.At >= $from AND a.At < $to";

    private const string RunKinds = "('run-succeeded', 'run-failed', 'run-dead-lettered', 'step-retry')";

    /// <summary>Run ends and retries in the range (At, Kind, RunId, WorkflowId): activity rows and the ends derived from run rows.</summary>
    private static readonly string RunOutcomes = $"""
        (SELECT a.At, a.Kind, a.RunId, a.WorkflowId FROM activity a WHERE {Window} AND a.Kind IN {RunKinds}
         UNION ALL
         {ActivityLogSql.FinishesInRange})
        """;

    private const string OutcomeColumns = """
        COUNT(DISTINCT CASE WHEN a.Kind = 'run-succeeded' THEN a.RunId END),
        COUNT(DISTINCT CASE WHEN a.Kind IN ('run-failed', 'run-dead-lettered') THEN a.RunId END),
        COUNT(DISTINCT CASE WHEN a.Kind = 'step-retry' THEN a.RunId END)
        """;

    public async Task<OverviewReport> GetAsync(OverviewRange range, CancellationToken cancellationToken)
    {
        var (start, end) = range.Window(clock.GetUtcNow());
        (string, object?)[] window = [("$from", start.ToUnixTimeMilliseconds()), ("$to", end.ToUnixTimeMilliseconds()), ("$bucket", (long)range.Bucket.TotalMilliseconds)];
        await using var connection = await connections.OpenAsync(cancellationToken);
        var catalog = (await ListAsync(connection, """
            SELECT (SELECT COUNT(*) FROM event_definitions), (SELECT COUNT(*) FROM workflow_definitions), (SELECT COUNT(*) FROM events)
            """, [], r => new CatalogCounts(r.GetInt64(0), r.GetInt64(1), r.GetInt64(2)), cancellationToken))[0];
        var runs = (await ListAsync(connection, $"SELECT {OutcomeColumns} FROM {RunOutcomes} a",
            window, ReadOutcomes(0), cancellationToken))[0];
        var runBuckets = (await ListAsync(connection, $"""
            SELECT (a.At - $from) / $bucket, {OutcomeColumns} FROM {RunOutcomes} a GROUP BY 1
            """, window, r => (Index: r.GetInt64(0), Counts: ReadOutcomes(1)(r)), cancellationToken)).ToDictionary(b => b.Index, b => b.Counts);
        var rejectedBuckets = (await ListAsync(connection,
            "SELECT (At - $from) / $bucket, COUNT(*) FROM ingestion_ledger WHERE Outcome LIKE 'Rejected%' AND At >= $from AND At < $to GROUP BY 1",
            window, r => (Index: r.GetInt64(0), Count: r.GetInt64(1)), cancellationToken)).ToDictionary(b => b.Index, b => b.Count);
        var series = Enumerable.Range(0, range.Buckets).Select(i =>
        {
            var bucketStart = start + (range.Bucket * i);
            return new OverviewBucket(bucketStart, range.AxisLabel(bucketStart), runBuckets.GetValueOrDefault(i, new RunOutcomeCounts(0, 0, 0)),
                rejectedBuckets.GetValueOrDefault(i));
        }).ToList();
        var failing = await ListAsync(connection, $"""
            SELECT a.WorkflowId, COALESCE(w.Name, 'workflow ' || a.WorkflowId), COUNT(DISTINCT a.RunId) AS n
            FROM {RunOutcomes} a LEFT JOIN workflow_definitions w ON w.Id = a.WorkflowId
            WHERE a.Kind IN ('run-failed', 'run-dead-lettered') AND a.WorkflowId IS NOT NULL
            GROUP BY a.WorkflowId ORDER BY n DESC, a.WorkflowId LIMIT $top
            """, [.. window, ("$top", TopRows)], r => new RankedRow(r.GetString(1), r.GetInt64(2), $"workflows/{r.GetInt64(0)}/runs"), cancellationToken);
        var rejecting = await ListAsync(connection, """
            SELECT l.DefinitionId, COALESCE(d.Key, '(no definition)'), COUNT(*) AS n
            FROM ingestion_ledger l LEFT JOIN event_definitions d ON d.Id = l.DefinitionId
            WHERE l.Outcome LIKE 'Rejected%' AND l.At >= $from AND l.At < $to
            GROUP BY l.DefinitionId ORDER BY n DESC, l.DefinitionId
            """, window, r => (Id: r.IsDBNull(0) ? (long?)null : r.GetInt64(0), Name: r.GetString(1), Count: r.GetInt64(2)), cancellationToken);
        var rejected = rejecting.Sum(r => r.Count);
        return new OverviewReport(range, start, end, catalog, runs, rejected, series, failing, Rank(rejecting, start, end));
    }

    /// <summary>The top definitions by rejections, and the rest rolled into one row so the rows add up to the total.</summary>
    private static List<RankedRow> Rank(List<(long? Id, string Name, long Count)> rows, DateTimeOffset start, DateTimeOffset end)
    {
        var from = start.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
        var to = end.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
        var ranked = rows.Take(TopRows).Select(r => new RankedRow(r.Name, r.Count,
            r.Id is { } id ? $"event-definitions/{id}" : $"activity?kind=rejected*&from={from}&to={to}")).ToList();
        if (rows.Count > TopRows)
        {
            ranked.Add(new RankedRow($"{rows.Count - TopRows} other definition(s)", rows.Skip(TopRows).Sum(r => r.Count), $"activity?kind=rejected*&from={from}&to={to}"));
        }

        return ranked;
    }

    private static Func<SqliteDataReader, RunOutcomeCounts> ReadOutcomes(int first) =>
        r => new RunOutcomeCounts(r.GetInt64(first), r.GetInt64(first + 1), r.GetInt64(first + 2));

    private static async Task<List<T>> ListAsync<T>(SqliteConnection connection, string sql, (string Name, object? Value)[] parameters,
        Func<SqliteDataReader, T> read, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        var rows = new List<T>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(read(reader));
        }

        return rows;
    }
}
