using Dashboard.Data.Telemetry;
using Microsoft.Data.Sqlite;

namespace Dashboard.Data.Events;

/// <summary>
/// The ids of stored routing traces (M019) by their text, for the writer: an accepted event's row (M020; its ledger row
/// before) references its trace instead of repeating it. A trace is looked up in memory; only a new text, or one whose
/// lease ran out, costs an upsert. Each upsert extends the trace's <c>LastSeenAt</c> by <see cref="LeaseMilliseconds"/>,
/// so every row written with a cached id is older than the stored <c>LastSeenAt</c>, which is what retention relies on. Entries
/// learned in a transaction count only once it committed: a rolled-back upsert must not leave an id behind.
/// </summary>
internal sealed class SharedTraces : IDisposable
{
    /// <summary>How far ahead a trace's <c>LastSeenAt</c> is set, so a busy trace is upserted about once an hour.</summary>
    public const long LeaseMilliseconds = 60 * 60 * 1000;

    /// <summary>Distinct traces kept in memory; past that the cache starts over (senders × routes rarely come close).</summary>
    private const int MaxCached = 4096;

    private readonly Dictionary<string, Entry> _committed = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Entry> _pending = new(StringComparer.Ordinal);
    private readonly SqliteCommand _upsert;

    public SharedTraces(SqliteConnection connection)
    {
        _upsert = connection.CreateCommand();
        _upsert.CommandText = """
            INSERT INTO ingestion_traces (Text, LastSeenAt) VALUES ($text, $until)
            ON CONFLICT (Text) DO UPDATE SET LastSeenAt = MAX(LastSeenAt, excluded.LastSeenAt)
            RETURNING Id;
            """;
        _upsert.Parameters.Add(new SqliteParameter { ParameterName = "$text" });
        _upsert.Parameters.Add(new SqliteParameter { ParameterName = "$until" });
        _upsert.Prepare();
    }

    public void Enlist(SqliteTransaction transaction) => _upsert.Transaction = transaction;

    /// <summary>The id of <paramref name="text"/> for a row written at <paramref name="atMs"/>, inside the writer's transaction.</summary>
    public long IdOf(string text, long atMs)
    {
        if ((_pending.TryGetValue(text, out var entry) || _committed.TryGetValue(text, out entry)) && atMs <= entry.LeaseUntil)
        {
            return entry.Id;
        }

        var until = atMs + LeaseMilliseconds;
        _upsert.Parameters[0].Value = text;
        _upsert.Parameters[1].Value = until;
        StoreMetrics.StatementExecuted();
        var id = (long)_upsert.ExecuteScalar()!;
        _pending[text] = new Entry(id, until);
        return id;
    }

    /// <summary>The transaction committed: what it learned holds from now on.</summary>
    public void Committed()
    {
        if (_pending.Count == 0)
        {
            return;
        }

        if (_committed.Count + _pending.Count > MaxCached)
        {
            _committed.Clear();
        }

        foreach (var (text, entry) in _pending)
        {
            _committed[text] = entry;
        }

        _pending.Clear();
    }

    /// <summary>The transaction rolled back: its upserts never happened.</summary>
    public void RolledBack() => _pending.Clear();

    public void Dispose() => _upsert.Dispose();

    private readonly record struct Entry(long Id, long LeaseUntil);
}
