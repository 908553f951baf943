using Dashboard.Runtime.Contracts;
using Dashboard.Runtime.Nats.ScaleOut;

namespace Dashboard.Tests.ScaleOut;

public sealed class SyncAnswerOutboxTests
{
    [Fact]
    public void OnSyncRunFinished_Answer_IsReadInOrder()
    {
        var outbox = new SyncAnswerOutbox();

        outbox.OnSyncRunFinished(Answer(1));
        outbox.OnSyncRunFinished(Answer(2));

        Assert.True(outbox.Reader.TryRead(out var first));
        Assert.True(outbox.Reader.TryRead(out var second));
        Assert.Equal([1L, 2L], [first!.EventSeq, second!.EventSeq]);
        Assert.Equal(0, outbox.Dropped);
    }

    [Fact]
    public void OnSyncRunFinished_OutboxFull_ReturnsAtOnceAndCountsTheDroppedAnswer()
    {
        var outbox = new SyncAnswerOutbox();
        for (var i = 0; i < SyncAnswerOutbox.Capacity; i++)
        {
            outbox.OnSyncRunFinished(Answer(i));
        }

        outbox.OnSyncRunFinished(Answer(SyncAnswerOutbox.Capacity));

        Assert.Equal(1, outbox.Dropped);
        Assert.Equal(SyncAnswerOutbox.Capacity, outbox.Reader.Count);
        Assert.True(outbox.Reader.TryRead(out var oldest));
        Assert.Equal(0, oldest!.EventSeq);
    }

    [Fact]
    public void Answer_SameIdentity_SameSubjectAndDifferentForAnotherSource()
    {
        var subject = SyncSubjects.Answer("ctl", "/a", "1");

        Assert.Equal(subject, SyncSubjects.Answer("ctl", "/a", "1"));
        Assert.NotEqual(subject, SyncSubjects.Answer("ctl", "/b", "1"));
        // The separator keeps ("/a", "b1") apart from ("/ab", "1").
        Assert.NotEqual(SyncSubjects.Answer("ctl", "/a", "b1"), SyncSubjects.Answer("ctl", "/ab", "1"));
        Assert.StartsWith("ctl.sync.answer.", subject, StringComparison.Ordinal);
        Assert.Equal("ctl.sync.answer.".Length + 64, subject.Length);
    }

    private static SyncRunFinished Answer(long seq) => new(seq + 100, seq, "Succeeded", null, 200, "{}");
}
