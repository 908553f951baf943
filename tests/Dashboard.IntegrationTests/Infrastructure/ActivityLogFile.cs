using Dashboard.Runtime.Workflows.Services;

namespace Dashboard.Testing;

/// <summary>Reads the host's activity log from its database file the way the app does: activity rows merged with the entries derived from run rows.</summary>
public static class ActivityLogFile
{
    public static long Count(DashboardHost host, ActivityLogFilter filter)
    {
        var parameters = new List<(string Name, object? Value)>();
        var sql = ActivityLogSql.Count(filter, parameters);
        using var connection = SqliteFile.Open(host.DatabasePath);
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        return (long)command.ExecuteScalar()!;
    }
}
