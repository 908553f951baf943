using Dashboard.Web.Features.EventDefinitions;

namespace Dashboard.Tests.Definitions;

public sealed class CronPreviewStateTests
{
    private static readonly DateTimeOffset Now = new(2025, 1, 15, 10, 7, 0, TimeSpan.Zero);

    [Fact]
    public void Compute_EveryFifteenMinutesUtc_NextFive()
    {
        var preview = CronPreviewState.Compute("*/15 * * * *", "UTC", Now);

        Assert.Null(preview.Problem);
        Assert.Equal(["10:15", "10:30", "10:45", "11:00", "11:15"], preview.Times.Select(t => t.Utc.ToString("HH:mm")));
    }

    [Fact]
    public void Compute_OtherTimeZone_LocalAndUtcDiffer()
    {
        var preview = CronPreviewState.Compute("0 9 * * *", "Europe/Berlin", Now);

        var first = preview.Times[0];
        Assert.Equal(9, first.Local.Hour);
        Assert.Equal(TimeSpan.FromHours(1), first.Local.Offset);
        Assert.Equal(new DateTimeOffset(2025, 1, 16, 8, 0, 0, TimeSpan.Zero), first.Utc);
    }

    [Theory]
    [InlineData("", "UTC", "Enter a cron expression")]
    [InlineData("not cron", "UTC", "Not a valid cron expression")]
    [InlineData("* * * * *", "Mars/Olympus", "Unknown time zone 'Mars/Olympus'")]
    public void Compute_Problem_NoTimes(string expression, string zone, string expected)
    {
        var preview = CronPreviewState.Compute(expression, zone, Now);

        Assert.Empty(preview.Times);
        Assert.StartsWith(expected, preview.Problem, StringComparison.Ordinal);
    }
}
