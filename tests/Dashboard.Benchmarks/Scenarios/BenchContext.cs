using Dashboard.Benchmarks.Load;
using Microsoft.Data.Sqlite;

namespace Dashboard.Benchmarks.Scenarios;

/// <summary>What scenarios share: options, the app under test, and the medians of scenarios that ran before.</summary>
public sealed class BenchContext(BenchOptions options)
{
    private int _runs;

    public BenchOptions Options { get; } = options;

    /// <summary>Medians so far, by <c>scenario/metric</c>.</summary>
    public Dictionary<string, double> Medians { get; } = [];

    /// <summary>A request builder whose event ids are unique to this run.</summary>
    public CloudEventRequests NewRequests(string route = BenchDefinitions.Route) =>
        new(Options.BaseUrl, Options.Token, $"r{Environment.ProcessId}-{Interlocked.Increment(ref _runs)}-{DateTime.UtcNow:HHmmss}", route);

    public double? Median(string key) => Medians.TryGetValue(key, out var value) ? value : null;

    /// <summary>A read-only connection to the app's SQLite file (WAL: reads do not block the writer); <paramref name="dataPath"/>
    /// names another instance's data folder (default: the app under test's).</summary>
    public SqliteConnection? OpenStore(string? dataPath = null)
    {
        dataPath ??= Options.DataPath;
        if (dataPath is null)
        {
            return null;
        }

        var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = Path.Combine(dataPath, "dashboard.db"),
            Mode = SqliteOpenMode.ReadOnly,
            Pooling = false,
        }.ToString());
        connection.Open();
        return connection;
    }

    public long? Scalar(string sql, string? dataPath = null)
    {
        using var connection = OpenStore(dataPath);
        if (connection is null)
        {
            return null;
        }

        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar() is long value ? value : null;
    }

    /// <summary>Waits until no run is queued or running (or the timeout passes); no-op without access to the store.</summary>
    public async Task WaitForRunsToDrainAsync(TimeSpan timeout, CancellationToken cancellationToken, string? dataPath = null)
    {
        var until = DateTime.UtcNow + timeout;
        while (Scalar("SELECT COUNT(*) FROM runs WHERE State IN ('Queued', 'Running')", dataPath) is > 0 and var left)
        {
            if (DateTime.UtcNow > until)
            {
                Log($"{left} runs still queued or running after {timeout.TotalSeconds:N0} s; going on");
                return;
            }

            await Task.Delay(250, cancellationToken);
        }
    }

    public static void Log(string message) => Console.Error.WriteLine($"[{DateTime.Now:HH:mm:ss}] {message}");
}
