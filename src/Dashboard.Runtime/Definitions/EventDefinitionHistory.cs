using Dashboard.Data;
using Dashboard.Data.Entities;
using Dashboard.Runtime.Common;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Runtime.Definitions;

/// <summary>One saved version of an event definition, its snapshot indented for reading.</summary>
public sealed record EventDefinitionVersionInfo(int Version, DateTimeOffset CreatedAt, string? CreatedBy, string Snapshot);

/// <summary>What changed between two versions, line by line.</summary>
public sealed record EventDefinitionDiff(int From, int To, IReadOnlyList<LineDiff.Line> Lines);

/// <summary>Event definition versions: added on save when the definition changed, listed newest first, and compared.</summary>
public sealed class EventDefinitionHistory(IDbContextFactory<DashboardDbContext> dbFactory)
{
    /// <summary>Stages a new version in <paramref name="db"/> unless the snapshot equals the latest one; returns its number or null.</summary>
    internal static async Task<int?> AddIfChangedAsync(DashboardDbContext db, EventDefinition entity, IEnumerable<string> workflowNames, Actor actor,
        DateTimeOffset now, CancellationToken cancellationToken)
    {
        var snapshot = EventDefinitionSnapshot.Create(entity, workflowNames);
        var latest = await db.EventDefinitionVersions.AsNoTracking().Where(v => v.EventDefinitionId == entity.Id)
            .OrderByDescending(v => v.Version).FirstOrDefaultAsync(cancellationToken);
        if (latest is not null && EventDefinitionSnapshot.Format(latest.SnapshotJson) == EventDefinitionSnapshot.Format(snapshot))
        {
            return null;
        }

        var version = (latest?.Version ?? 0) + 1;
        db.EventDefinitionVersions.Add(new EventDefinitionVersion
        {
            EventDefinitionId = entity.Id, Version = version, SnapshotJson = snapshot, CreatedBy = actor.Name, CreatedAt = now,
        });
        return version;
    }

    /// <summary>The definition's versions, newest first; null when there is no such definition.</summary>
    public async Task<IReadOnlyList<EventDefinitionVersionInfo>?> GetVersionsAsync(long id, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (!await db.EventDefinitions.AnyAsync(e => e.Id == id, cancellationToken))
        {
            return null;
        }

        var versions = await db.EventDefinitionVersions.AsNoTracking().Where(v => v.EventDefinitionId == id)
            .OrderByDescending(v => v.Version).ToListAsync(cancellationToken);
        return versions.ConvertAll(v => new EventDefinitionVersionInfo(v.Version, v.CreatedAt, v.CreatedBy, EventDefinitionSnapshot.Format(v.SnapshotJson)));
    }

    /// <summary>The line diff from version <paramref name="from"/> to <paramref name="to"/>; null when either does not exist.</summary>
    public async Task<EventDefinitionDiff?> DiffAsync(long id, int from, int to, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var pair = await db.EventDefinitionVersions.AsNoTracking()
            .Where(v => v.EventDefinitionId == id && (v.Version == from || v.Version == to)).ToListAsync(cancellationToken);
        var before = pair.Find(v => v.Version == from);
        var after = pair.Find(v => v.Version == to);
        return before is null || after is null ? null
            : new EventDefinitionDiff(from, to, LineDiff.Compare(EventDefinitionSnapshot.Format(before.SnapshotJson), EventDefinitionSnapshot.Format(after.SnapshotJson)));
    }
}
