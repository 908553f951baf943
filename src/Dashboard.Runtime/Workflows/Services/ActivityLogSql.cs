using System.Text;
using Dashboard.Data.Events;

namespace Dashboard.Runtime.Workflows.Services;

/// <summary>Which activity to read: one workflow (or all), a kind (exact, or a prefix ending in <c>*</c>), a time range in Unix ms.</summary>
public sealed record ActivityLogFilter(long? WorkflowId = null, string? Kind = null, long? FromMs = null, long? ToMs = null);

/// <summary>
/// The activity log as readers see it: the <c>activity</c> rows plus each run's first start (M017) and first end (M021),
/// derived from the run row instead of rows of their own. All three parts are read in log order and merged by SQLite
/// without sorting any of them: by <c>Pos</c> (the activity Id, or the run's <c>StartMark</c> / <c>FinishMark</c>, half
/// way between two Ids), then, between the same two rows, by run (newest first) and a run's end before its start. A
/// derived start's Id is the run's Id negated, a derived end's is <see cref="FinishIdBase"/> plus the run's Id, negated,
/// so neither equals an activity row's or each other's.
/// </summary>
public static class ActivityLogSql
{
    /// <summary>Columns of <see cref="Entries"/>: Pos, Id, At, WorkflowId, Kind, Message, Actor, EventSeq, RunId, LedgerId, RemoteAddress, TokenId.</summary>
    public const string Columns = "Pos, Id, At, WorkflowId, Kind, Message, Actor, EventSeq, RunId, LedgerId, RemoteAddress, TokenId";

    /// <summary>A derived end's Id is <c>-(FinishIdBase + run Id)</c>.</summary>
    public const long FinishIdBase = 1_000_000_000_000_000;

    /// <summary>
    /// The log's order, newest first, over <see cref="Columns"/> (prefix with an alias for an outer query): position,
    /// then run, then Id, which puts a run's derived end (the more negative Id) before its derived start. The position
    /// alone decides between activity rows, whose Ids are unique.
    /// </summary>
    public static string Order(string alias = "") => $"{alias}Pos DESC, {alias}RunId DESC, {alias}Id";

    private const string Started = "'run-started'";

    /// <summary>
    /// The first end's state, time and error: the row's own, unless a later write changed the run again and kept them
    /// in <c>FirstState</c>, <c>FirstFinishedAt</c>, <c>FirstError</c>.
    /// </summary>
    private const string FinishState = "COALESCE(r.FirstState, r.State)";

    /// <summary>The time of a run's derived end (alias <c>r</c>).</summary>
    public const string FinishAt = "COALESCE(r.FirstFinishedAt, r.FinishedAt)";

    private const string FinishError = "CASE WHEN r.FirstState IS NULL THEN r.Error ELSE r.FirstError END";

    /// <summary>The kind of a run's derived end (alias <c>r</c>), as the runtime named its end rows.</summary>
    public const string FinishKind =
        $"CASE {FinishState} WHEN 'Succeeded' THEN 'run-succeeded' WHEN 'DeadLettered' THEN 'run-dead-lettered' WHEN 'Cancelled' THEN 'run-cancelled' ELSE 'run-failed' END";

    /// <summary>A time range as a range of log positions (M018 dropped the activity time index), kept next to the exact time predicate.</summary>
    private static readonly string FromKey = ArrivalOrder.LowerKey("activity", "Id", "At", "$from");

    private static readonly string ToKey = ArrivalOrder.UpperKey("activity", "Id", "At", "$to");

    /// <summary>
    /// The lower bound for a derived entry's mark. An entry between rows <c>k - 1</c> and <c>k</c> (mark <c>k - ½</c>)
    /// committed after row <c>k - 1</c>, so its time may be in range even when row <c>k - 1</c>'s is not:
    /// when <see cref="FromKey"/> is <c>k</c>, entries past <c>k - 1</c> are read (only those before it are certainly older).
    /// </summary>
    private static readonly string MarkFrom = $"{FromKey} - 1";

    /// <summary>
    /// The upper bound for a derived entry's mark: <see cref="ToKey"/>, which is one past the largest Id when no row is
    /// that new, but 0 for an empty table, whose derived entries sit at ½.
    /// </summary>
    private static readonly string MarkTo = $"MAX({ToKey}, 1)";

    /// <summary>Derived ends in [<c>$from</c>, <c>$to</c>) as At, Kind, RunId, WorkflowId (for counts over a time range).</summary>
    public static readonly string FinishesInRange = $"""
        SELECT {FinishAt} AS At, {FinishKind} AS Kind, r.Id AS RunId, r.WorkflowId AS WorkflowId FROM runs r
        WHERE r.FinishMark > {MarkFrom} AND r.FinishMark < {MarkTo} AND {FinishAt} >= $from AND {FinishAt} < $to
        """;

    private const string Actor = "COALESCE(r.Initiator, e.Initiator, 'event ' || COALESCE(e.Id, r.EventSeq))";

    /// <summary>The matching entries, newest first, <c>$take</c> of them after <c>$skip</c>; adds its parameters to <paramref name="parameters"/>.</summary>
    public static string Entries(ActivityLogFilter filter, List<(string Name, object? Value)> parameters, bool skip = true)
    {
        var (activity, starts, finishes) = Where(filter, parameters);
        return $"""
            SELECT a.Id AS Pos, a.Id AS Id, a.At AS At, a.WorkflowId AS WorkflowId, a.Kind AS Kind, a.Message AS Message, a.Actor AS Actor,
                   a.EventSeq AS EventSeq, a.RunId AS RunId, a.LedgerId AS LedgerId, a.RemoteAddress AS RemoteAddress, a.TokenId AS TokenId
            FROM activity a WHERE {activity}
            UNION ALL
            SELECT r.StartMark, -r.Id, r.StartedAt, r.WorkflowId, {Started},
                   'run ' || r.Id || ' started (version ' || r.WorkflowVersion || ')' || CASE WHEN r.StartStep > 0 THEN ' at step ' || (r.StartStep + 1) ELSE '' END,
                   {Actor}, r.EventSeq, r.Id, NULL, NULL, NULL
            FROM runs r LEFT JOIN events e ON e.Seq = r.EventSeq WHERE r.StartMark IS NOT NULL AND {starts}
            UNION ALL
            SELECT r.FinishMark, -({FinishIdBase} + r.Id), {FinishAt}, r.WorkflowId, {FinishKind},
                   'run ' || r.Id || ' ' || substr({FinishKind}, 5) || COALESCE(': ' || {FinishError}, ''),
                   {Actor}, r.EventSeq, r.Id, NULL, NULL, NULL
            FROM runs r LEFT JOIN events e ON e.Seq = r.EventSeq WHERE r.FinishMark IS NOT NULL AND {finishes}
            ORDER BY {Order()} LIMIT $take{(skip ? " OFFSET $skip" : "")}
            """;
    }

    /// <summary>How many entries match.</summary>
    public static string Count(ActivityLogFilter filter, List<(string Name, object? Value)> parameters)
    {
        var (activity, starts, finishes) = Where(filter, parameters);
        return $"""
            SELECT (SELECT COUNT(*) FROM activity a WHERE {activity})
                 + (SELECT COUNT(*) FROM runs r WHERE r.StartMark IS NOT NULL AND {starts})
                 + (SELECT COUNT(*) FROM runs r WHERE r.FinishMark IS NOT NULL AND {finishes})
            """;
    }

    private static (string Activity, string Starts, string Finishes) Where(ActivityLogFilter filter, List<(string Name, object? Value)> parameters)
    {
        var activity = new Part("a", "a.Id", "a.At", "a.Kind", $">= {FromKey}", ToKey);
        var starts = new Part("r", "r.StartMark", "r.StartedAt", Started, $"> {MarkFrom}", MarkTo);
        var finishes = new Part("r", "r.FinishMark", FinishAt, FinishKind, $"> {MarkFrom}", MarkTo);
        Part[] parts = [activity, starts, finishes];
        if (filter.WorkflowId is { } workflow)
        {
            foreach (var part in parts)
            {
                part.Sql.Append($" AND {part.Alias}.WorkflowId = $wf");
            }

            Add(parameters, "$wf", workflow);
        }

        if (!string.IsNullOrWhiteSpace(filter.Kind))
        {
            var kind = filter.Kind.Trim();
            var prefix = kind.EndsWith('*');
            foreach (var part in parts)
            {
                part.Sql.Append(prefix ? $" AND substr({part.Kind}, 1, $kindLength) = $kind" : $" AND {part.Kind} = $kind");
            }

            if (prefix)
            {
                Add(parameters, "$kindLength", kind.Length - 1);
            }

            Add(parameters, "$kind", prefix ? kind[..^1] : kind);
        }

        if (filter.FromMs is { } from)
        {
            foreach (var part in parts)
            {
                part.Sql.Append($" AND {part.Position} {part.From} AND {part.At} >= $from");
            }

            Add(parameters, "$from", from);
        }

        if (filter.ToMs is { } to)
        {
            foreach (var part in parts)
            {
                part.Sql.Append($" AND {part.Position} < {part.To} AND {part.At} < $to");
            }

            Add(parameters, "$to", to);
        }

        return (activity.Sql.ToString(), starts.Sql.ToString(), finishes.Sql.ToString());
    }

    private static void Add(List<(string Name, object? Value)> parameters, string name, object value)
    {
        if (!parameters.Exists(p => p.Name == name))
        {
            parameters.Add((name, value));
        }
    }

    /// <summary>One part of the log: its table alias, position, time and kind expressions, its position bounds for a time range, and its conditions so far.</summary>
    private sealed record Part(string Alias, string Position, string At, string Kind, string From, string To)
    {
        public StringBuilder Sql { get; } = new("1 = 1");
    }
}
