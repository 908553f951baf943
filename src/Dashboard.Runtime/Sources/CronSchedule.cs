using Dashboard.Runtime.Definitions;
using NCrontab;

namespace Dashboard.Runtime.Sources;

/// <summary>A cron expression evaluated in a time zone: fire times as UTC instants, across daylight-saving changes.</summary>
public sealed class CronSchedule
{
    private readonly CrontabSchedule _schedule;
    private readonly TimeZoneInfo _zone;

    private CronSchedule(CrontabSchedule schedule, TimeZoneInfo zone)
    {
        _schedule = schedule;
        _zone = zone;
    }

    public static CronSchedule? TryCreate(string? expression, string? timeZone)
    {
        if (string.IsNullOrWhiteSpace(expression) || DefinitionRules.TryParseCron(expression) is not { } schedule)
        {
            return null;
        }

        var zone = TimeZoneInfo.Utc;
        if (!string.IsNullOrWhiteSpace(timeZone) && !TimeZoneInfo.TryFindSystemTimeZoneById(timeZone, out zone))
        {
            return null;
        }

        return new CronSchedule(schedule, zone!);
    }

    /// <summary>The first fire time strictly after <paramref name="after"/>.</summary>
    public DateTimeOffset Next(DateTimeOffset after)
    {
        var local = TimeZoneInfo.ConvertTime(after, _zone).DateTime;
        var next = _schedule.GetNextOccurrence(local);
        // A local time skipped by a daylight-saving jump does not exist: move past the gap.
        while (_zone.IsInvalidTime(next))
        {
            next = _schedule.GetNextOccurrence(next);
        }

        return new DateTimeOffset(next, _zone.GetUtcOffset(next)).ToUniversalTime();
    }

    /// <summary>The next <paramref name="count"/> fire times after <paramref name="after"/>, for the editor's preview.</summary>
    public IReadOnlyList<DateTimeOffset> Preview(DateTimeOffset after, int count)
    {
        var result = new List<DateTimeOffset>(count);
        var current = after;
        for (var i = 0; i < count; i++)
        {
            current = Next(current);
            result.Add(current);
        }

        return result;
    }

    /// <summary>Fire times in (<paramref name="after"/>, <paramref name="until"/>], capped at <paramref name="max"/>; the count may be larger.</summary>
    public (IReadOnlyList<DateTimeOffset> Times, int Total) Between(DateTimeOffset after, DateTimeOffset until, int max)
    {
        var times = new List<DateTimeOffset>();
        var total = 0;
        for (var next = Next(after); next <= until; next = Next(next))
        {
            total++;
            if (times.Count < max)
            {
                times.Add(next);
            }
            else
            {
                times[^1] = next;
            }

            if (total > 100_000)
            {
                break;
            }
        }

        return (times, total);
    }
}
