using Dashboard.Data;
using Dashboard.Data.Events;
using Dashboard.Runtime.Ingestion;
using Microsoft.Extensions.Options;

namespace Dashboard.Runtime.Retention;

/// <summary>For the System page: database size, estimated growth per day, and what the policy removes next.</summary>
public sealed class RetentionStatusReader(
    SqliteConnectionFactory connections,
    RetentionCandidates candidates,
    DefinitionCatalog catalog,
    IOptions<RetentionOptions> options,
    IOptions<StorageOptions> storage,
    TimeProvider clock)
{
    /// <summary>Counts of what is due are capped here and shown as "at least".</summary>
    public const int CountCap = 10_000;

    public async Task<RetentionStatus> ReadAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var path = storage.Value.DatabasePath;
        var bytes = Size(path) + Size(path + "-wal");
        long events;
        long lastWeek;
        long identities;
        await using (var connection = await connections.OpenAsync(cancellationToken).ConfigureAwait(false))
        {
            events = await ScalarAsync(connection, "SELECT COUNT(*) FROM events;", now, cancellationToken).ConfigureAwait(false);
            lastWeek = await ScalarAsync(connection, $"SELECT COUNT(*) FROM events WHERE Seq >= {ArrivalOrder.LowerKey("events", "Seq", "ReceivedAt", "$since")} AND ReceivedAt >= $since;", now, cancellationToken).ConfigureAwait(false);
            identities = await ScalarAsync(connection, "SELECT COUNT(*) FROM pruned_event_ids;", now, cancellationToken).ConfigureAwait(false);
        }

        var perDay = lastWeek / 7.0;
        var bytesPerEvent = events == 0 ? 0 : bytes / (double)events;
        var due = new List<RetentionDue>();
        var snapshot = await catalog.GetAsync(cancellationToken).ConfigureAwait(false);
        var own = new List<long>();
        foreach (var (key, retention) in options.Value.Definitions)
        {
            if (snapshot.All.FirstOrDefault(d => d.Key == key) is { } definition && retention.IsSet)
            {
                own.Add(definition.Id);
                var next = await candidates.EventsAsync(retention, definition.Id, own, now, CountCap, cancellationToken).ConfigureAwait(false);
                due.Add(new RetentionDue($"events of {key}", Describe(retention), next.Count));
            }
        }

        if (options.Value.Events.IsSet)
        {
            var next = await candidates.EventsAsync(options.Value.Events, null, own, now, CountCap, cancellationToken).ConfigureAwait(false);
            due.Add(new RetentionDue("events (default)", Describe(options.Value.Events), next.Count));
        }

        return new RetentionStatus(bytes, events, perDay, perDay * bytesPerEvent, identities, options.Value.IsConfigured, due,
            options.Value.DedupeWindowDays is { } window ? $"{window} days" : "forever");
    }

    private static string Describe(EventRetention retention) => string.Join(" and ",
        new[] { retention.KeepDays is { } d ? $"keep {d} days" : null, retention.KeepRows is { } r ? $"keep newest {r}" : null }.OfType<string>());

    private static long Size(string path) => new FileInfo(path) is { Exists: true } file ? file.Length : 0;

    private static async Task<long> ScalarAsync(Microsoft.Data.Sqlite.SqliteConnection connection, string sql, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Parameters.AddWithValue("$since", now.AddDays(-7).ToUnixTimeMilliseconds());
        return (long)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
    }
}

/// <summary>Database size, events, estimated growth, kept identities, and per policy how many rows are due now.</summary>
public sealed record RetentionStatus(
    long DatabaseBytes, long Events, double EventsPerDay, double BytesPerDay, long PrunedIdentities, bool PolicyConfigured,
    IReadOnlyList<RetentionDue> Due, string DedupeWindow);

/// <summary>What one policy removes on its next round (<see cref="Count"/> capped at <see cref="RetentionStatusReader.CountCap"/>).</summary>
public sealed record RetentionDue(string What, string Policy, int Count);
