using System.Diagnostics;
using Dashboard.Benchmarks.Measure;
using Microsoft.Data.Sqlite;

namespace Dashboard.Benchmarks.Scenarios;

/// <summary>
/// The storage ceiling: ~1 KB rows inserted with one prepared statement, 100 rows per transaction, WAL and
/// synchronous=FULL, on the same disk as the app's data folder. No HTTP, no parsing: what SQLite alone allows.
/// </summary>
public sealed class SqliteBaseline : IScenario
{
    private const int RowsPerCommit = 100;

    public string Name => "baseline: raw SQLite inserts";

    public IReadOnlyList<MetricSpec> Metrics { get; } = [new("rows/s", "/s"), new("commits/s", "/s")];

    public Task<ScenarioRun> RunOnceAsync(BenchContext context, CancellationToken cancellationToken)
    {
        var path = Path.Combine(context.Options.DataPath ?? Path.GetTempPath(), $"sqlite-baseline-{Guid.NewGuid():N}.db");
        var cpu = new CpuShare(null);
        var data = System.Text.Encoding.UTF8.GetBytes(Load.CloudEventRequests.Data);
        long rows = 0;
        long commits = 0;
        Stopwatch watch;
        using (var connection = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            connection.Open();
            Execute(connection, "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;");
            Execute(connection, "CREATE TABLE events (Seq INTEGER PRIMARY KEY, Id TEXT NOT NULL, Source TEXT NOT NULL, Type TEXT NOT NULL, Data BLOB, ReceivedAt INTEGER NOT NULL, UNIQUE (Source, Id));");
            using var insert = connection.CreateCommand();
            insert.CommandText = "INSERT INTO events (Id, Source, Type, Data, ReceivedAt) VALUES ($id, '/bench', 'com.example.bench.order', $data, $at);";
            var id = insert.Parameters.Add("$id", SqliteType.Text);
            insert.Parameters.Add("$data", SqliteType.Blob).Value = data;
            var at = insert.Parameters.Add("$at", SqliteType.Integer);
            insert.Prepare();
            var duration = TimeSpan.FromSeconds(Math.Min(10, context.Options.Duration.TotalSeconds));
            watch = Stopwatch.StartNew();
            while (watch.Elapsed < duration && rows < 50_000_000 && !cancellationToken.IsCancellationRequested)
            {
                using var transaction = connection.BeginTransaction();
                insert.Transaction = transaction;
                for (var i = 0; i < RowsPerCommit; i++)
                {
                    id.Value = $"e-{rows++}";
                    at.Value = rows;
                    insert.ExecuteNonQuery();
                }

                transaction.Commit();
                commits++;
            }
        }

        var elapsed = watch.Elapsed.TotalSeconds;
        foreach (var file in new[] { path, path + "-wal", path + "-shm" })
        {
            File.Delete(file);
        }

        var (generator, _) = cpu.Stop();
        return Task.FromResult(new ScenarioRun(new Dictionary<string, double> { ["rows/s"] = rows / elapsed, ["commits/s"] = commits / elapsed }, generator, null));
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
