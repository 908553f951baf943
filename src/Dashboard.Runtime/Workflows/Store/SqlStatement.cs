namespace Dashboard.Runtime.Workflows.Store;

/// <summary>One parameterized statement for the run writer; statements of one write commit together.</summary>
public sealed record SqlStatement(string Sql, IReadOnlyList<KeyValuePair<string, object?>> Parameters)
{
    public static SqlStatement Of(string sql, params (string Name, object? Value)[] parameters) =>
        new(sql, parameters.Select(p => new KeyValuePair<string, object?>(p.Name, p.Value)).ToList());
}
