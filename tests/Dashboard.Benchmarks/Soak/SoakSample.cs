using System.Globalization;
using Dashboard.Benchmarks.Measure;
using Microsoft.Data.Sqlite;

namespace Dashboard.Benchmarks.Soak;

/// <summary>One CSV row of a soak: the interval's rate and latencies, and the app's footprint at its end.</summary>
public sealed record SoakSample(
    int Minute, double ElapsedSeconds, double Offered, double Achieved, long Ok, long Refused, long Errors, double RssMb, int Handles,
    double P50, double P99, long DbBytes, long EventsStored, long RunsPending)
{
    public const string Header =
        "minute,elapsed_s,offered_per_s,achieved_per_s,ok_total,refused_total,errors_total,rss_mb,handles,p50_ms,p99_ms,db_bytes,events_stored,bytes_per_event,runs_pending,"
        + "sent_per_s,overflow_total,driver_cpu_pct,app_cpu_pct,load_avg";

    /// <summary>Requests the driver put on the wire per second in the interval (achieved_per_s is those answered 2xx).</summary>
    public double SentPerSecond { get; init; }
    public long Overflow { get; init; }

    /// <summary>CPU of the driver and of the app over the interval, as % of the whole machine; the 1-minute load average at its end.</summary>
    public double DriverCpu { get; init; }
    public double AppCpu { get; init; }
    public double LoadAverage { get; init; }

    public double BytesPerEvent => EventsStored == 0 ? 0 : (double)DbBytes / EventsStored;

    public string ToCsv() => string.Join(',',
        Minute, F(ElapsedSeconds, 0), F(Offered, 1), F(Achieved, 1), Ok, Refused, Errors, F(RssMb, 1), Handles, F(P50, 2), F(P99, 2), DbBytes,
        EventsStored, F(BytesPerEvent, 1), RunsPending, F(SentPerSecond, 1), Overflow, F(DriverCpu, 0), F(AppCpu, 0), F(LoadAverage, 2));

    /// <summary>The app's RSS and handles, the database file plus WAL, the events stored and the runs not finished yet.</summary>
    public static (double RssMb, int Handles, long DbBytes, long EventsStored, long RunsPending) Footprint(int pid, string database)
    {
        var handles = Directory.Exists($"/proc/{pid}/fd") ? Directory.GetFiles($"/proc/{pid}/fd").Length : 0;
        var bytes = Size(database) + Size(database + "-wal");
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = database, Mode = SqliteOpenMode.ReadOnly, Pooling = false, DefaultTimeout = 10,
        }.ToString());
        connection.Open();
        return (ProcStat.RssMegabytes(pid) ?? 0, handles, bytes, Scalar(connection, "SELECT COALESCE(MAX(Seq), 0) FROM events"),
            Scalar(connection, "SELECT COUNT(*) FROM runs WHERE State IN ('Queued', 'Running')"));
    }

    /// <summary>The value at <paramref name="quantile"/> of sorted latencies (0 when there are none).</summary>
    public static double Quantile(double[] sorted, double quantile) =>
        sorted.Length == 0 ? 0 : sorted[Math.Min(sorted.Length - 1, (int)(sorted.Length * quantile))];

    private static long Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    private static long Size(string path) => File.Exists(path) ? new FileInfo(path).Length : 0;

    private static string F(double value, int decimals) => value.ToString("F" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
}
