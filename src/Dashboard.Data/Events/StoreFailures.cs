using Microsoft.Data.Sqlite;

namespace Dashboard.Data.Events;

/// <summary>
/// Sorts a failed commit into "the store cannot write right now" (disk full, I/O error, read-only or locked file:
/// the client should retry, 503) and everything else (a fault of the request itself).
/// </summary>
public static class StoreFailures
{
    // SQLite primary result codes: https://sqlite.org/rescode.html
    private const int ReadOnly = 8;
    private const int IoError = 10;
    private const int Full = 13;
    private const int CantOpen = 14;
    private const int Busy = 5;
    private const int Locked = 6;

    /// <summary>True when <paramref name="exception"/> says the store cannot write, not that the request was bad.</summary>
    public static bool IsStorageFailure(Exception exception) => exception switch
    {
        EventStoreUnavailableException => true,
        SqliteException sqlite => (sqlite.SqliteErrorCode & 0xFF) is Full or IoError or ReadOnly or CantOpen or Busy or Locked,
        IOException => true,
        _ => false,
    };

    /// <summary>A storage failure as <see cref="EventStoreUnavailableException"/> (answered 503); anything else unchanged.</summary>
    public static Exception Translate(Exception exception) =>
        exception is not EventStoreUnavailableException && IsStorageFailure(exception)
            ? new EventStoreUnavailableException($"The event store cannot write: {Describe(exception)}", exception)
            : exception;

    /// <summary>A short reason for logs, health checks and the System page.</summary>
    public static string Describe(Exception exception) => exception is SqliteException sqlite
        ? (sqlite.SqliteErrorCode & 0xFF) == Full ? "the disk is full (SQLITE_FULL)" : $"SQLite error {sqlite.SqliteErrorCode}: {sqlite.Message}"
        : exception.Message;
}
