using Microsoft.Data.Sqlite;

namespace Dashboard.Data.Events;

/// <summary>A parameterized statement committed in the writer's group commit (e.g. a workflow run's progress).</summary>
public sealed record StoreStatement(string Sql, IReadOnlyList<KeyValuePair<string, object?>> Parameters)
{
    /// <summary>
    /// Reads the rows the statement returns (<c>RETURNING</c>), on the writer's thread. Called once per execution: a
    /// group commit that failed is retried request by request, so a later call replaces what an earlier one read.
    /// </summary>
    public Action<SqliteDataReader>? ReadRows { get; init; }
}
