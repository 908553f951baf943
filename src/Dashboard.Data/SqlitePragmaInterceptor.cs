using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Dashboard.Data;

/// <summary>Applies the same per-connection pragmas to EF Core's connections as to the hot-path writer's.</summary>
internal sealed class SqlitePragmaInterceptor(int busyTimeoutMilliseconds) : DbConnectionInterceptor
{
    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) =>
        SqliteConnectionFactory.ApplyPragmas((SqliteConnection)connection, busyTimeoutMilliseconds);

    public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        SqliteConnectionFactory.ApplyPragmas((SqliteConnection)connection, busyTimeoutMilliseconds);
        return Task.CompletedTask;
    }
}
