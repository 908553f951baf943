namespace Dashboard.CloudEventBindings.Tests.Json;

public sealed class CloudEventJsonFormatTimeTests
{
    [Theory]
    [InlineData("2018-04-05T17:31:00Z")]
    [InlineData("2018-04-05T17:31:00.000000000Z")]
    [InlineData("2018-04-05T18:31:00+01:00")]
    [InlineData("2018-04-05T16:31:00-01:00")]
    [InlineData("2018-04-05T17:31:00.0000000000001Z")]
    public void Parse_Rfc3339Time_ParsesToTheSameInstant(string time)
    {
        var result = TestJson.Parse($"\"time\":\"{time}\"");

        Assert.True(result.IsValid, string.Join("; ", result.Errors));
        Assert.Equal(new DateTimeOffset(2018, 4, 5, 17, 31, 0, TimeSpan.Zero), result.Event!.Time);
    }

    [Theory]
    [InlineData("lunchtime")]
    [InlineData("2018-04-05T18:31Z")]
    [InlineData("2018-04-05T18:31:00X")]
    [InlineData("2018-04-05T18:31:00+25:00")]
    [InlineData("2018-04-05T18:31:00+xx:00")]
    [InlineData("2018-04-05T18:31:00+05")]
    [InlineData("2018-04-05T18:31:00")]
    [InlineData("2018-02-30T00:00:00Z")]
    [InlineData("2018-04-05 18:31:00Z")]
    [InlineData("2018-04-05T24:00:00Z")]
    [InlineData("2018-04-05t17:31:00z")]
    public void Parse_InvalidTime_ReportsTimePath(string time)
    {
        var error = TestJson.SingleError(TestJson.Parse($"\"time\":\"{time}\""));

        Assert.Equal("$.time", error.Path);
    }

    [Fact]
    public void Parse_LeapSecond_IsRejectedAtTimePath()
    {
        // The SDK's timestamp type has no leap second (DateTimeOffset cannot hold one).
        Assert.Equal("$.time", TestJson.SingleError(TestJson.Parse("\"time\":\"2016-12-31T23:59:60Z\"")).Path);
    }
}
