using Dashboard.Data;
using Dashboard.Data.Entities;
using Dashboard.Runtime.Common;

namespace Dashboard.Runtime.Access;

/// <summary>Adds audit rows to a context so they commit in the same transaction as the change they describe.</summary>
public static class AuditLog
{
    public static void Add(DashboardDbContext db, Actor actor, string action, string? target, string? details = null) =>
        db.AuditEntries.Add(new AuditEntry
        {
            At = DateTimeOffset.UtcNow,
            Actor = actor.Name,
            Action = action,
            Target = target,
            Details = details,
        });
}
