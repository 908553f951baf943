using Dashboard.Data;
using Dashboard.Runtime.Common;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Runtime.Definitions;

/// <summary>Runs one definition save in its own transaction and tells the runtime's caches once it committed.</summary>
internal static class DefinitionTransactions
{
    public static async Task<SaveResult> SaveAsync(
        IDbContextFactory<DashboardDbContext> dbFactory,
        DefinitionChangeNotifier changes,
        Func<DashboardDbContext, Task<SaveResult>> save,
        CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var result = await save(db);
        if (result.Succeeded)
        {
            await transaction.CommitAsync(cancellationToken);
            changes.NotifyChanged();
        }

        return result;
    }
}
