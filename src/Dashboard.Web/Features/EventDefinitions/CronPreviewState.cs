using Dashboard.Runtime.Sources;

namespace Dashboard.Web.Features.EventDefinitions;

/// <summary>One upcoming fire time, in the schedule's time zone and in UTC.</summary>
public sealed record CronFireTime(DateTimeOffset Local, DateTimeOffset Utc);

/// <summary>The next fire times of a cron expression in a time zone, or why there are none; computed without a renderer.</summary>
public sealed record CronPreviewState(IReadOnlyList<CronFireTime> Times, string? Problem)
{
    public const int Count = 5;

    public static CronPreviewState Compute(string? expression, string? timeZone, DateTimeOffset now)
    {
        if (string.IsNullOrWhiteSpace(expression))
        {
            return new([], "Enter a cron expression to see when it fires.");
        }

        var zoneId = string.IsNullOrWhiteSpace(timeZone) ? "UTC" : timeZone;
        if (!TimeZoneInfo.TryFindSystemTimeZoneById(zoneId, out var zone))
        {
            return new([], $"Unknown time zone '{zoneId}'.");
        }

        if (CronSchedule.TryCreate(expression, zoneId) is not { } schedule)
        {
            return new([], "Not a valid cron expression: use 5 fields (minute hour day month weekday) or 6 with seconds first.");
        }

        var times = schedule.Preview(now, Count).Select(utc => new CronFireTime(TimeZoneInfo.ConvertTime(utc, zone), utc)).ToList();
        return new(times, null);
    }
}
