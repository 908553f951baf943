using Dashboard.Runtime.Nats.Eventing;

namespace Dashboard.Tests.Nats;

public sealed class PullCreditTests
{
    [Fact]
    public void ToRequest_NoRequestOpen_AsksForFreeWorkersUpToTheCap()
    {
        var credit = new PullCredit();

        Assert.Equal(3, credit.ToRequest(3, 64));
        Assert.Equal(64, credit.ToRequest(256, 64));
        Assert.Equal(0, credit.ToRequest(0, 64));
        Assert.Equal(0, credit.ToRequest(-2, 64));
    }

    [Fact]
    public void ToRequest_RequestOpen_AsksForNothingMore()
    {
        var credit = new PullCredit();
        credit.Open(2, deadline: 1_000);

        Assert.Equal(0, credit.ToRequest(10, 64));
        Assert.Equal(2, credit.Credit);
    }

    [Fact]
    public void Delivered_LastMessageOfTheBatch_RequestClosesAndCreditIsZero()
    {
        var credit = new PullCredit();
        credit.Open(2, deadline: 1_000);

        credit.Delivered();
        Assert.True(credit.IsOpen);
        Assert.Equal(1, credit.Credit);
        credit.Delivered();

        Assert.False(credit.IsOpen);
        Assert.Equal(0, credit.Credit);
        Assert.Equal(5, credit.ToRequest(5, 64));
    }

    [Fact]
    public void Delivered_NoRequestOpen_CreditStaysZero()
    {
        var credit = new PullCredit();

        credit.Delivered();

        Assert.Equal(0, credit.Credit);
    }

    [Fact]
    public void Ended_StatusForTheOpenRequest_WhatItDidNotBringIsNoLongerOwed()
    {
        var credit = new PullCredit();
        var id = credit.Open(4, deadline: 1_000);
        credit.Delivered();

        credit.Ended(id);

        Assert.False(credit.IsOpen);
        Assert.Equal(0, credit.Credit);
    }

    [Fact]
    public void Ended_LateStatusOfAnEarlierRequest_NewerRequestKeepsItsCredit()
    {
        var credit = new PullCredit();
        var first = credit.Open(1, deadline: 1_000);
        credit.ExpireBefore(2_000);
        credit.Open(3, deadline: 9_000);

        credit.Ended(first);

        Assert.True(credit.IsOpen);
        Assert.Equal(3, credit.Credit);
    }

    [Fact]
    public void ExpireBefore_DeadlinePassedWithoutAnswer_RequestEnds()
    {
        var credit = new PullCredit();
        credit.Open(2, deadline: 1_000);

        credit.ExpireBefore(1_000);
        Assert.True(credit.IsOpen);
        credit.ExpireBefore(1_001);

        Assert.False(credit.IsOpen);
        Assert.Equal(0, credit.Credit);
    }

    [Fact]
    public void Open_RequestAlreadyOpen_Throws()
    {
        var credit = new PullCredit();
        credit.Open(1, deadline: 1_000);

        Assert.Throws<InvalidOperationException>(() => credit.Open(1, deadline: 1_000));
    }
}
