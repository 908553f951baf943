using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Dashboard.Benchmarks.Measure;

/// <summary>
/// What the app has written so far: rows per table and the B-tree entries they carry (the table's own plus one per
/// index the row is in: a partial index only holds the rows its WHERE admits), statements its store writer executed and the time it was busy (<c>/metrics</c>), bytes the
/// process wrote to disk (<c>/proc/PID/io</c>) and its CPU seconds. Two snapshots around a load give the cost per event.
/// </summary>
public sealed record StoreFootprint(IReadOnlyDictionary<string, (long Rows, long Entries)> Tables, double Statements, long BytesWritten, double CpuSeconds,
    double WriterBusySeconds, double WriterCommitSeconds)
{
    public static async Task<StoreFootprint> TakeAsync(SqliteConnection store, Uri baseUrl, string token, int pid, CancellationToken cancellationToken)
    {
        var tables = new Dictionary<string, (long, long)>(StringComparer.Ordinal);
        foreach (var (table, partialWheres, fullIndexes) in TableShapes(store))
        {
            var rows = Count(store, table, null);
            var entries = rows * (1 + fullIndexes) + partialWheres.Sum(where => Count(store, table, where));
            tables[table] = (rows, entries);
        }

        return new StoreFootprint(tables, await AppMetrics.SumAsync(baseUrl, token, AppMetrics.StoreStatements, cancellationToken), DiskBytesWritten(pid),
            ProcStat.CpuSeconds(pid.ToString(CultureInfo.InvariantCulture)),
            await AppMetrics.SumAsync(baseUrl, token, AppMetrics.StoreBusySeconds, cancellationToken),
            await AppMetrics.SumAsync(baseUrl, token, AppMetrics.StoreBusySeconds, cancellationToken, "phase=\"commit\""));
    }

    /// <summary>Rows and B-tree entries added between two snapshots (net of deletes; updates are not in it).</summary>
    public (long Rows, long Entries) InsertedSince(StoreFootprint before)
    {
        long rows = 0, entries = 0;
        foreach (var (table, (count, entryCount)) in Tables)
        {
            var was = before.Tables.TryGetValue(table, out var b) ? b : (0, 0);
            rows += Math.Max(0, count - was.Rows);
            entries += Math.Max(0, entryCount - was.Entries);
        }

        return (rows, entries);
    }

    private static long Count(SqliteConnection store, string table, string? where)
    {
        using var command = store.CreateCommand();
        command.CommandText = $"SELECT COUNT(*) FROM \"{table}\"" + (where is null ? "" : " WHERE " + where);
        return (long)command.ExecuteScalar()!;
    }

    /// <summary>Each table with the WHERE clauses of its partial indexes and the number of its full indexes.</summary>
    private static List<(string Table, List<string> PartialWheres, int FullIndexes)> TableShapes(SqliteConnection store)
    {
        using var command = store.CreateCommand();
        command.CommandText = """
            SELECT t.name, i.name, i.sql FROM sqlite_master t
            LEFT JOIN sqlite_master i ON i.type = 'index' AND i.tbl_name = t.name
            WHERE t.type = 'table' AND t.name NOT LIKE 'sqlite_%'
            """;
        using var reader = command.ExecuteReader();
        var tables = new Dictionary<string, (List<string> Partial, int Full)>(StringComparer.Ordinal);
        while (reader.Read())
        {
            var name = reader.GetString(0);
            var entry = tables.TryGetValue(name, out var e) ? e : ([], 0);
            if (!reader.IsDBNull(1))
            {
                // Automatic indexes (UNIQUE constraints) have no SQL but hold every row.
                var sql = reader.IsDBNull(2) ? "" : reader.GetString(2);
                var where = sql.IndexOf(" WHERE ", StringComparison.OrdinalIgnoreCase);
                entry = where < 0 ? (entry.Item1, entry.Item2 + 1) : (entry.Item1.Append(sql[(where + 7)..]).ToList(), entry.Item2);
            }

            tables[name] = entry;
        }

        return [.. tables.Select(t => (t.Key, t.Value.Partial, t.Value.Full))];
    }

    private static long DiskBytesWritten(int pid)
    {
        foreach (var line in File.ReadLines($"/proc/{pid}/io"))
        {
            if (line.StartsWith("write_bytes:", StringComparison.Ordinal))
            {
                return long.Parse(line["write_bytes:".Length..].Trim(), CultureInfo.InvariantCulture);
            }
        }

        return 0;
    }
}
