using Dashboard.Runtime.Ingestion;
using Microsoft.Extensions.Options;

namespace Dashboard.Tests.Ingestion;

public sealed class ThreadPoolDelayProbeTests
{
    private static readonly TimeSpan IdleAfter = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(10);

    private static ThreadPoolDelayProbe Probe(TimeSpan? idleAfter = null) =>
        new(TimeProvider.System, Options.Create(new IngestionOptions { MaxThreadPoolDelayMilliseconds = 20 }), idleAfter ?? IdleAfter);

    [Fact]
    public void Probe_NobodyAsks_StopsQueuingProbes()
    {
        using var probe = Probe();

        Assert.True(SpinWait.SpinUntil(() => probe.Idle, Generous));
        var queued = probe.ProbesQueued;
        Thread.Sleep(IdleAfter * 3);

        Assert.True(probe.Idle);
        Assert.Equal(queued, probe.ProbesQueued);
    }

    [Fact]
    public void CurrentDelay_AskedWhileIdle_ProbingResumes()
    {
        using var probe = Probe();
        Assert.True(SpinWait.SpinUntil(() => probe.Idle, Generous));
        var queued = probe.ProbesQueued;

        // The pause keeps the last delay, and the probe paused only because that delay was healthy (under half of 20 ms).
        Assert.True(probe.CurrentDelay < TimeSpan.FromMilliseconds(10), $"{probe.CurrentDelay}");

        Assert.True(SpinWait.SpinUntil(() => !probe.Idle && probe.ProbesQueued > queued + 2, Generous), $"{probe.ProbesQueued - queued} probes");
    }

    [Fact]
    public void CurrentDelay_AskedMoreOftenThanTheIdleTime_KeepsProbing()
    {
        // Asked every 20 ms against a pause after 1 s: a busy test machine may delay a probe or an ask, never by a second.
        using var probe = Probe(TimeSpan.FromSeconds(1));
        var queued = probe.ProbesQueued;
        var idleSeen = false;
        var watch = System.Diagnostics.Stopwatch.StartNew();
        while (probe.ProbesQueued - queued < 10 && watch.Elapsed < Generous)
        {
            _ = probe.CurrentDelay;
            Thread.Sleep(20);
            idleSeen |= probe.Idle;
        }

        Assert.False(idleSeen);
        Assert.True(probe.ProbesQueued - queued >= 10, $"{probe.ProbesQueued - queued} probes in {watch.Elapsed}");
    }

    [Fact]
    public void Dispose_WhileIdle_EndsTheProbe()
    {
        var probe = Probe();
        Assert.True(SpinWait.SpinUntil(() => probe.Idle, Generous));

        probe.Dispose();

        Assert.True(SpinWait.SpinUntil(() => !probe.Idle, Generous));
        var queued = probe.ProbesQueued;
        _ = probe.CurrentDelay;
        Thread.Sleep(IdleAfter);
        Assert.Equal(queued, probe.ProbesQueued);
    }
}
