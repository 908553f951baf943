using Dashboard.Runtime.Workflows.Running;

namespace Dashboard.Tests.Workflows;

public sealed class RunCancellationsTests
{
    [Fact]
    public void Cancel_RegisteredRun_CancelsItsToken()
    {
        var cancellations = new RunCancellations();
        using var registration = cancellations.Register(7);

        Assert.True(cancellations.Cancel(7));
        Assert.True(registration.Token.IsCancellationRequested);
    }

    [Fact]
    public void Cancel_BeforeRegister_RegistrationStartsCancelled()
    {
        var cancellations = new RunCancellations();

        var found = cancellations.Cancel(7);
        using var registration = cancellations.Register(7);
        using var other = cancellations.Register(8);

        Assert.False(found);
        Assert.True(registration.Token.IsCancellationRequested);
        Assert.False(other.Token.IsCancellationRequested);
    }

    [Fact]
    public void Register_AfterARememberedCancelWasUsed_StartsUncancelled()
    {
        var cancellations = new RunCancellations();
        cancellations.Cancel(7);
        cancellations.Register(7).Dispose();

        using var again = cancellations.Register(7);

        Assert.False(again.Token.IsCancellationRequested);
    }

    [Fact]
    public void Cancel_MoreMissesThanRemembered_ForgetsTheOldest()
    {
        var cancellations = new RunCancellations();
        for (var id = 1; id <= RunCancellations.RememberedMisses + 1; id++)
        {
            cancellations.Cancel(id);
        }

        using var oldest = cancellations.Register(1);
        using var newest = cancellations.Register(RunCancellations.RememberedMisses + 1);

        Assert.False(oldest.Token.IsCancellationRequested);
        Assert.True(newest.Token.IsCancellationRequested);
    }
}
