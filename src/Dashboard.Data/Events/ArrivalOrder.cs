using System.Globalization;

namespace Dashboard.Data.Events;

/// <summary>
/// Time bounds as key bounds for tables whose integer key grows in commit order: <c>events.Seq</c> with
/// <c>ReceivedAt</c>, <c>activity.Id</c> with <c>At</c> (M018 dropped their time indexes). The SQL is a binary search
/// over the primary key (about 20 point reads for a million rows), evaluated once per query.
/// <para>
/// A row's time is taken when it is produced and its key when it commits, so times are in key order only up to the
/// time a row waits between the two (the writer's queue, under a second). Each bound is widened by
/// <see cref="Slack"/>, and queries keep their exact time predicate next to the key bound: the key bound only narrows
/// the scan, and a result differs only for a row that waited longer than <see cref="Slack"/> to commit.
/// </para>
/// </summary>
public static class ArrivalOrder
{
    /// <summary>How far a row's time may run ahead of rows committed after it.</summary>
    public static readonly TimeSpan Slack = TimeSpan.FromMinutes(10);

    private static readonly string SlackMs = ((long)Slack.TotalMilliseconds).ToString(CultureInfo.InvariantCulture);

    /// <summary>A key such that every row with time ≥ <paramref name="timeParameter"/> has a key at or above it.</summary>
    public static string LowerKey(string table, string key, string time, string timeParameter) =>
        FirstKeyAtOrAfter(table, key, time, $"{timeParameter} - {SlackMs}");

    /// <summary>A key such that every row with time &lt; <paramref name="timeParameter"/> has a key below it.</summary>
    public static string UpperKey(string table, string key, string time, string timeParameter) =>
        FirstKeyAtOrAfter(table, key, time, $"{timeParameter} + {SlackMs}");

    /// <summary>
    /// The smallest key whose row has a time at or after <paramref name="timeExpression"/> (probing the first row at or
    /// after each midpoint, so gaps left by deletes are fine), or one past the largest key when there is none.
    /// </summary>
    private static string FirstKeyAtOrAfter(string table, string key, string time, string timeExpression)
    {
        var at = $"(SELECT {time} FROM {table} WHERE {key} >= (lo + hi) / 2 ORDER BY {key} LIMIT 1)";
        var next = $"(SELECT {key} FROM {table} WHERE {key} >= (lo + hi) / 2 ORDER BY {key} LIMIT 1)";
        return $"""
            (WITH RECURSIVE probe(lo, hi) AS (
                SELECT IFNULL((SELECT MIN({key}) FROM {table}), 0), IFNULL((SELECT MAX({key}) FROM {table}), 0) + 1
                UNION ALL
                SELECT CASE WHEN {at} < {timeExpression} THEN {next} + 1 ELSE lo END,
                       CASE WHEN {at} < {timeExpression} THEN hi ELSE (lo + hi) / 2 END
                FROM probe WHERE lo < hi)
             SELECT lo FROM probe WHERE lo >= hi LIMIT 1)
            """;
    }
}
