using Dashboard.Data;

namespace Dashboard.Web.Features.Home;

/// <summary>Aggregates for the overview: run outcomes, and the workflows and definitions with the most failures recently.</summary>
public sealed class OverviewQueries(SqliteConnectionFactory connections)
{
    /// <summary>Rejected requests ever; its WHERE must stay exactly the partial index's (M009) for SQLite to use that index.</summary>
    public const string RejectedCountSql = "SELECT COUNT(*) AS Value FROM ingestion_ledger WHERE Outcome LIKE 'Rejected%'";

    public async Task<OverviewTotals> GetAsync(DateTimeOffset since, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        var runs = await ListAsync(connection, "SELECT State, COUNT(*) FROM runs GROUP BY State ORDER BY State", null, cancellationToken);
        var workflows = await ListAsync(connection, """
            SELECT COALESCE(w.Name, '#' || a.WorkflowId), COUNT(*) AS n FROM activity a LEFT JOIN workflow_definitions w ON w.Id = a.WorkflowId
            WHERE a.At >= $since AND a.WorkflowId IS NOT NULL
              AND (a.Kind LIKE 'rejected%' OR a.Kind IN ('run-failed', 'run-dead-lettered', 'step-failed'))
            GROUP BY a.WorkflowId ORDER BY n DESC LIMIT 5
            """, since, cancellationToken);
        var definitions = await ListAsync(connection, """
            SELECT COALESCE(d.Key, '(no definition)'), COUNT(*) AS n FROM ingestion_ledger l LEFT JOIN event_definitions d ON d.Id = l.DefinitionId
            WHERE l.At >= $since AND l.Outcome NOT IN ('Accepted', 'Duplicate')
            GROUP BY l.DefinitionId ORDER BY n DESC LIMIT 5
            """, since, cancellationToken);
        return new OverviewTotals(runs, workflows, definitions);
    }

    private static async Task<IReadOnlyList<NamedCount>> ListAsync(
        Microsoft.Data.Sqlite.SqliteConnection connection, string sql, DateTimeOffset? since, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        if (since is { } at)
        {
            command.Parameters.AddWithValue("$since", at.ToUnixTimeMilliseconds());
        }

        var result = new List<NamedCount>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            result.Add(new NamedCount(reader.GetString(0), reader.GetInt64(1)));
        }

        return result;
    }
}

public sealed record NamedCount(string Name, long Count);

public sealed record OverviewTotals(IReadOnlyList<NamedCount> RunOutcomes, IReadOnlyList<NamedCount> FailingWorkflows, IReadOnlyList<NamedCount> FailingDefinitions);
