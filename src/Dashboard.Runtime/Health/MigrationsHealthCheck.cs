using Dashboard.Data;
using Dashboard.Data.Migrations;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Dashboard.Runtime.Health;

/// <summary>Ready when every migration this build knows is recorded as applied in the database.</summary>
public sealed class MigrationsHealthCheck(SqliteConnectionFactory connections) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var applied = new HashSet<long>();
        await using var connection = await connections.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT Version FROM schema_migrations;";
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            applied.Add(reader.GetInt64(0));
        }

        var missing = SchemaMigrator.All.Where(m => !applied.Contains(m.Version)).Select(m => m.Name).ToList();
        var data = new Dictionary<string, object> { ["applied"] = applied.Count, ["known"] = SchemaMigrator.All.Count };
        return missing.Count == 0
            ? HealthCheckResult.Healthy($"All {SchemaMigrator.All.Count} migrations applied.", data)
            : HealthCheckResult.Unhealthy($"Migrations not applied: {string.Join(", ", missing)}.", data: data);
    }
}
