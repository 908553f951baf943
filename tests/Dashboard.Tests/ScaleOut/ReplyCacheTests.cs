using Dashboard.Runtime.Nats.ScaleOut;

namespace Dashboard.Tests.ScaleOut;

public sealed class ReplyCacheTests
{
    [Fact]
    public async Task GetOrRun_SameRequestIdTwice_RunsOnceAndAnswersTheFirstReply()
    {
        var cache = new ReplyCache(TimeProvider.System);
        var runs = 0;

        var first = await cache.GetOrRun("a", () => Task.FromResult(new[] { (byte)++runs }));
        var second = await cache.GetOrRun("a", () => Task.FromResult(new[] { (byte)++runs }));

        Assert.Equal(1, runs);
        Assert.Equal(first, second);
    }

    [Fact]
    public async Task GetOrRun_FirstAttemptFailed_RetryRunsAgain()
    {
        var cache = new ReplyCache(TimeProvider.System);

        await Assert.ThrowsAsync<InvalidOperationException>(() => cache.GetOrRun("a", () => Task.FromException<byte[]>(new InvalidOperationException())));
        var retried = await cache.GetOrRun("a", () => Task.FromResult(new byte[] { 2 }));

        Assert.Equal([2], retried);
    }
}
