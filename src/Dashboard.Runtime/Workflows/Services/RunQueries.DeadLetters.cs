using static Dashboard.Runtime.Workflows.Services.ReplayChains;

namespace Dashboard.Runtime.Workflows.Services;

/// <summary>Dead letters: the open ones grouped by workflow and error, and the replayed ones with their latest replay's outcome.</summary>
public sealed partial class RunQueries
{
    /// <summary>Open dead-lettered runs grouped by workflow and error, largest group first. Replayed ones are not counted.</summary>
    public async Task<IReadOnlyList<DeadLetterGroup>> GetDeadLettersAsync(long? workflowId, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken).ConfigureAwait(false);
        return await ListAsync(connection, $"""
            {DeadLetterFate},
            open AS (
                SELECT r.Id, r.WorkflowId, r.Error, r.FailedStep, COALESCE(r.FinishedAt, r.CreatedAt) AS At
                FROM runs r LEFT JOIN fate f ON f.Root = r.Id
                WHERE r.State = 'DeadLettered' AND ($wf IS NULL OR r.WorkflowId = $wf) AND {IsOpen}
            )
            SELECT o.WorkflowId, w.Name, MAX(o.FailedStep), o.Error, COUNT(*), MAX(o.At),
                   (SELECT group_concat(Id) FROM (SELECT p.Id FROM open p WHERE p.WorkflowId = o.WorkflowId AND p.Error IS o.Error ORDER BY p.Id DESC LIMIT 10))
            FROM open o LEFT JOIN workflow_definitions w ON w.Id = o.WorkflowId
            GROUP BY o.WorkflowId, o.Error
            ORDER BY COUNT(*) DESC, MAX(o.Id) DESC
            LIMIT 500;
            """, [("$wf", workflowId)],
            r => new DeadLetterGroup(r.GetInt64(0), Str(r, 1), Str(r, 2), Str(r, 3), r.GetInt64(4), Time(r, 5)!.Value,
                (Str(r, 6) ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries).Select(long.Parse).ToList()),
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Dead-lettered runs that were replayed, newest first: resolved, replaying, or dead-lettered again.</summary>
    public async Task<PagedList<ReplayedDeadLetter>> GetReplayedDeadLettersAsync(long? workflowId, int page, int pageSize, CancellationToken cancellationToken)
    {
        (page, pageSize) = Paging(page, pageSize);
        await using var connection = await connections.OpenAsync(cancellationToken).ConfigureAwait(false);
        (string, object?)[] parameters = [("$wf", workflowId)];
        var total = (long)(await ScalarAsync(connection, $"{DeadLetterFate} SELECT COUNT(*) FROM fate;", parameters, cancellationToken).ConfigureAwait(false) ?? 0L);
        var items = await ListAsync(connection, $"""
            {DeadLetterFate}
            SELECT r.Id, r.WorkflowId, w.Name, r.Error, COALESCE(r.FinishedAt, r.CreatedAt), f.Succeeded, f.Pending, f.DeadLettered,
                   f.LatestId, l.State, f.Count
            FROM fate f JOIN runs r ON r.Id = f.Root JOIN runs l ON l.Id = f.LatestId
            LEFT JOIN workflow_definitions w ON w.Id = r.WorkflowId
            ORDER BY r.Id DESC LIMIT $take OFFSET $skip;
            """, [.. parameters, ("$take", pageSize), ("$skip", (page - 1) * pageSize)],
            r => new ReplayedDeadLetter(r.GetInt64(0), r.GetInt64(1), Str(r, 2), Str(r, 3), Time(r, 4)!.Value,
                Status(r.GetInt64(5) != 0, r.GetInt64(6) != 0, r.GetInt64(7) != 0), r.GetInt64(8), r.GetString(9), r.GetInt32(10)),
            cancellationToken).ConfigureAwait(false);
        return new PagedList<ReplayedDeadLetter>(items, page, pageSize, total);
    }
}
