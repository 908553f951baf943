using Dashboard.Runtime.Streaming;

namespace Dashboard.Runtime.Contracts;

/// <summary>
/// One parameterized statement for the run writer; statements of one write commit together. A statement may carry a
/// live-feed notice, published only after its transaction committed.
/// </summary>
public sealed record SqlStatement(string Sql, IReadOnlyList<KeyValuePair<string, object?>> Parameters)
{
    public LiveItem? Notice { get; init; }

    /// <summary>
    /// An activity entry that readers derive from this write instead of a row of its own (a run's start, read from the
    /// run row), published to the live feed with <see cref="Notice"/>.
    /// </summary>
    public LiveItem? DerivedActivity { get; init; }

    /// <summary>The same write as typed data, for a worker instance to send to the owner (never the SQL text).</summary>
    public RunChange? Change { get; init; }

    public static SqlStatement Of(string sql, params (string Name, object? Value)[] parameters) =>
        new(sql, parameters.Select(p => new KeyValuePair<string, object?>(p.Name, p.Value)).ToList());
}
