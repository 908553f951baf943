using System.Globalization;
using System.Net.Http.Headers;
using Microsoft.Data.Sqlite;

namespace Dashboard.Benchmarks.Measure;

/// <summary>
/// What the app has written so far: rows per table and the B-tree entries they carry (the table's own plus one per
/// index), statements its store writer executed (<c>dashboard_store_statements_total</c> on <c>/metrics</c>), bytes the
/// process wrote to disk (<c>/proc/PID/io</c>) and its CPU seconds. Two snapshots around a load give the cost per event.
/// </summary>
public sealed record StoreFootprint(IReadOnlyDictionary<string, (long Rows, int Indexes)> Tables, double Statements, long BytesWritten, double CpuSeconds)
{
    public static async Task<StoreFootprint> TakeAsync(SqliteConnection store, Uri baseUrl, string token, int pid, CancellationToken cancellationToken)
    {
        var tables = new Dictionary<string, (long, int)>(StringComparer.Ordinal);
        foreach (var (table, indexes) in TablesWithIndexCounts(store))
        {
            using var count = store.CreateCommand();
            count.CommandText = $"SELECT COUNT(*) FROM \"{table}\"";
            tables[table] = ((long)count.ExecuteScalar()!, indexes);
        }

        return new StoreFootprint(tables, await StatementsAsync(baseUrl, token, cancellationToken), DiskBytesWritten(pid),
            ProcStat.CpuSeconds(pid.ToString(CultureInfo.InvariantCulture)));
    }

    /// <summary>Rows inserted and B-tree entries they added between two snapshots (updates and deletes are not in it).</summary>
    public (long Rows, long Entries) InsertedSince(StoreFootprint before)
    {
        long rows = 0, entries = 0;
        foreach (var (table, (count, indexes)) in Tables)
        {
            var added = Math.Max(0, count - (before.Tables.TryGetValue(table, out var was) ? was.Rows : 0));
            rows += added;
            entries += added * (1 + indexes);
        }

        return (rows, entries);
    }

    private static List<(string Table, int Indexes)> TablesWithIndexCounts(SqliteConnection store)
    {
        using var command = store.CreateCommand();
        command.CommandText = """
            SELECT t.name, (SELECT COUNT(*) FROM sqlite_master i WHERE i.type = 'index' AND i.tbl_name = t.name)
            FROM sqlite_master t WHERE t.type = 'table' AND t.name NOT LIKE 'sqlite_%'
            """;
        using var reader = command.ExecuteReader();
        var tables = new List<(string, int)>();
        while (reader.Read())
        {
            tables.Add((reader.GetString(0), reader.GetInt32(1)));
        }

        return tables;
    }

    private static async Task<double> StatementsAsync(Uri baseUrl, string token, CancellationToken cancellationToken)
    {
        using var client = new HttpClient { BaseAddress = baseUrl };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var text = await client.GetStringAsync("/metrics", cancellationToken);
        return text.Split('\n')
            .Where(l => l.StartsWith("dashboard_store_statements", StringComparison.Ordinal))
            .Select(l => double.Parse(l[(l.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture))
            .Sum();
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
