using Dashboard.Runtime.Contracts;
using Dashboard.Web.Features.SystemStatus;

namespace Dashboard.Tests.SystemStatus;

public sealed class WorkersViewTests
{
    private static readonly DateTimeOffset At = DateTimeOffset.FromUnixTimeSeconds(1_700_000_000);

    [Fact]
    public void Describe_NoWorkers_SaysNoneHeard()
    {
        var (value, detail) = WorkersView.Describe([]);

        Assert.Equal("0 connected", value);
        Assert.Equal("No worker has sent a heartbeat.", detail);
    }

    [Fact]
    public void Describe_ConnectedAndLost_ListsBothWithRunningCounts()
    {
        var (value, detail) = WorkersView.Describe(
        [
            new WorkerStatus("w1", At, 3, At, Lost: false),
            new WorkerStatus("w2", At, 0, At, Lost: true),
        ]);

        Assert.Equal("1 connected", value);
        Assert.Equal("w1 (3 running); lost: w2", detail);
    }
}
