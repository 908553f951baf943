namespace Dashboard.Data.Events;

/// <summary>A parameterized statement committed in the writer's group commit (e.g. a workflow run's progress).</summary>
public sealed record StoreStatement(string Sql, IReadOnlyList<KeyValuePair<string, object?>> Parameters);
