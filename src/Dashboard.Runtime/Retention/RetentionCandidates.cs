using System.Text.Json;
using Dashboard.Data;
using Dashboard.Data.Maintenance;

namespace Dashboard.Runtime.Retention;

/// <summary>Reads which events a policy removes next (oldest first), on its own connection, outside the writer.</summary>
public sealed class RetentionCandidates(SqliteConnectionFactory connections)
{
    public async Task<IReadOnlyList<long>> EventsAsync(
        EventRetention retention, long? definitionId, IReadOnlyList<long> ownPolicies, DateTimeOffset now, int limit, CancellationToken cancellationToken)
    {
        var seqs = new SortedSet<long>();
        if (retention.KeepDays is { } days)
        {
            await ReadAsync(RetentionStatements.OlderThan(definitionId is not null), seqs, definitionId, ownPolicies, limit,
                ("$cutoff", now.AddDays(-days).ToUnixTimeMilliseconds()), cancellationToken).ConfigureAwait(false);
        }

        if (retention.KeepRows is { } rows)
        {
            await ReadAsync(RetentionStatements.BeyondNewest(definitionId is not null), seqs, definitionId, ownPolicies, limit,
                ("$keep", rows), cancellationToken).ConfigureAwait(false);
        }

        return seqs.Take(limit).ToList();
    }

    private async Task ReadAsync(string sql, SortedSet<long> into, long? definitionId, IReadOnlyList<long> ownPolicies, int limit,
        (string Name, long Value) bound, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Parameters.AddWithValue("$limit", limit);
        command.Parameters.AddWithValue(bound.Name, bound.Value);
        if (definitionId is { } id)
        {
            command.Parameters.AddWithValue("$def", id);
        }
        else
        {
            command.Parameters.AddWithValue("$own", JsonSerializer.Serialize(ownPolicies));
        }

        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            into.Add(reader.GetInt64(0));
        }

    }
}
