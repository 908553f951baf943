using Dashboard.Data.Events;
using Dashboard.Web.Features.SystemStatus;

namespace Dashboard.Tests.SystemStatus;

public sealed class WriterViewTests
{
    [Fact]
    public void Describe_NoCommits_SaysSoWithoutDividingByZero()
    {
        var (value, detail) = WriterView.Describe(new WriterSnapshot(0, 0, 0, TimeSpan.Zero, TimeSpan.Zero), TimeSpan.FromMinutes(1), 0, 0);

        Assert.Equal("No commits yet", value);
        Assert.Contains("mean commit 0.00 ms", detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Describe_AfterCommits_RequestsPerCommitMeanCommitBusyShareAndQueues()
    {
        var totals = new WriterSnapshot(200, 3_000, 1_000, TimeSpan.FromSeconds(20), TimeSpan.FromSeconds(10));

        var (value, detail) = WriterView.Describe(totals, TimeSpan.FromSeconds(60), 12, 3);

        Assert.Equal("20.0 requests per commit", value);
        Assert.Contains("200 commits (3,000 ingestion, 1,000 run requests)", detail, StringComparison.Ordinal);
        Assert.Contains("mean commit 50.00 ms", detail, StringComparison.Ordinal);
        Assert.Contains("busy 50 % since start", detail, StringComparison.Ordinal);
        Assert.Contains("queued now: 12 ingestion, 3 run requests", detail, StringComparison.Ordinal);
    }
}
