using System.Text;
using Dashboard.Data.Events;

namespace Dashboard.Runtime.Workflows.Services;

/// <summary>Which activity to read: one workflow (or all), a kind (exact, or a prefix ending in <c>*</c>), a time range in Unix ms.</summary>
public sealed record ActivityLogFilter(long? WorkflowId = null, string? Kind = null, long? FromMs = null, long? ToMs = null);

/// <summary>
/// The activity log as readers see it: the <c>activity</c> rows plus each run's first start, derived from the run row
/// (M017) instead of a row of its own. Both parts are read in log order (<c>Pos</c>: the activity Id, or the run's
/// <c>StartMark</c> between two Ids) and merged by SQLite without sorting either table. A derived entry's Id is the
/// run's Id negated, so it never equals an activity row's.
/// </summary>
public static class ActivityLogSql
{
    /// <summary>Columns of <see cref="Entries"/>: Pos, Id, At, WorkflowId, Kind, Message, Actor, EventSeq, RunId, LedgerId, RemoteAddress, TokenId.</summary>
    public const string Columns = "Pos, Id, At, WorkflowId, Kind, Message, Actor, EventSeq, RunId, LedgerId, RemoteAddress, TokenId";

    private const string Started = "'run-started'";

    /// <summary>A time range as a range of log positions (M018 dropped the activity time index), kept next to the exact time predicate.</summary>
    private static readonly string FromKey = ArrivalOrder.LowerKey("activity", "Id", "At", "$from");

    private static readonly string ToKey = ArrivalOrder.UpperKey("activity", "Id", "At", "$to");

    /// <summary>The matching entries, newest first, <c>$take</c> of them after <c>$skip</c>; adds its parameters to <paramref name="parameters"/>.</summary>
    public static string Entries(ActivityLogFilter filter, List<(string Name, object? Value)> parameters, bool skip = true)
    {
        var (activity, runs) = Where(filter, parameters);
        return $"""
            SELECT a.Id AS Pos, a.Id AS Id, a.At AS At, a.WorkflowId AS WorkflowId, a.Kind AS Kind, a.Message AS Message, a.Actor AS Actor,
                   a.EventSeq AS EventSeq, a.RunId AS RunId, a.LedgerId AS LedgerId, a.RemoteAddress AS RemoteAddress, a.TokenId AS TokenId
            FROM activity a WHERE {activity}
            UNION ALL
            SELECT r.StartMark, -r.Id, r.StartedAt, r.WorkflowId, {Started},
                   'run ' || r.Id || ' started (version ' || r.WorkflowVersion || ')' || CASE WHEN r.StartStep > 0 THEN ' at step ' || (r.StartStep + 1) ELSE '' END,
                   COALESCE(r.Initiator, e.Initiator, 'event ' || COALESCE(e.Id, r.EventSeq)), r.EventSeq, r.Id, NULL, NULL, NULL
            FROM runs r LEFT JOIN events e ON e.Seq = r.EventSeq WHERE r.StartMark IS NOT NULL AND {runs}
            ORDER BY 1 DESC LIMIT $take{(skip ? " OFFSET $skip" : "")}
            """;
    }

    /// <summary>How many entries match.</summary>
    public static string Count(ActivityLogFilter filter, List<(string Name, object? Value)> parameters)
    {
        var (activity, runs) = Where(filter, parameters);
        return $"""
            SELECT (SELECT COUNT(*) FROM activity a WHERE {activity})
                 + (SELECT COUNT(*) FROM runs r WHERE r.StartMark IS NOT NULL AND {runs})
            """;
    }

    private static (string Activity, string Runs) Where(ActivityLogFilter filter, List<(string Name, object? Value)> parameters)
    {
        var activity = new StringBuilder("1 = 1");
        var runs = new StringBuilder("1 = 1");
        if (filter.WorkflowId is { } workflow)
        {
            activity.Append(" AND a.WorkflowId = $wf");
            runs.Append(" AND r.WorkflowId = $wf");
            Add(parameters, "$wf", workflow);
        }

        if (!string.IsNullOrWhiteSpace(filter.Kind))
        {
            var kind = filter.Kind.Trim();
            if (kind.EndsWith('*'))
            {
                activity.Append(" AND substr(a.Kind, 1, $kindLength) = $kind");
                runs.Append($" AND substr({Started}, 1, $kindLength) = $kind");
                Add(parameters, "$kindLength", kind.Length - 1);
                Add(parameters, "$kind", kind[..^1]);
            }
            else
            {
                activity.Append(" AND a.Kind = $kind");
                runs.Append($" AND {Started} = $kind");
                Add(parameters, "$kind", kind);
            }
        }

        if (filter.FromMs is { } from)
        {
            activity.Append($" AND a.Id >= {FromKey} AND a.At >= $from");
            runs.Append($" AND r.StartMark >= {FromKey} AND r.StartedAt >= $from");
            Add(parameters, "$from", from);
        }

        if (filter.ToMs is { } to)
        {
            activity.Append($" AND a.Id < {ToKey} AND a.At < $to");
            runs.Append($" AND r.StartMark < {ToKey} AND r.StartedAt < $to");
            Add(parameters, "$to", to);
        }

        return (activity.ToString(), runs.ToString());
    }

    private static void Add(List<(string Name, object? Value)> parameters, string name, object value)
    {
        if (!parameters.Exists(p => p.Name == name))
        {
            parameters.Add((name, value));
        }
    }
}
