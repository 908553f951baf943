using Bunit;
using Dashboard.Data.Events;
using Dashboard.Runtime.Common;
using Dashboard.Runtime.Contracts;
using Dashboard.Runtime.Streaming;
using Dashboard.Web.Features.SystemStatus;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.ComponentTests.Features;

/// <summary>The System page's eventing card refreshes on what the runtime publishes, never on a timer of its own.</summary>
public sealed class EventingCardTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task EventingCard_ConnectionStateChanges_ShowsTheNewStateWithoutPolling()
    {
        var view = new SwitchableEventingView(Status(DispatchMode.Nats, 10));
        await using var ctx = Context(view, new CommitNotifications());
        var cut = ctx.Render<EventingCard>();
        cut.WaitForAssertion(() => Assert.Equal("NATS JetStream", cut.Find("[data-testid=eventing-dispatch]").TextContent.Trim()), Wait);

        // Nothing announced: the card does not read again, however long it waits.
        var reads = view.Reads;
        await Task.Delay(EventingCard.RefreshInterval * 2.5);
        Assert.Equal(reads, view.Reads);

        view.Set(Status(DispatchMode.Fallback, 10));
        cut.WaitForAssertion(() => Assert.Equal("Fallback: embedded", cut.Find("[data-testid=eventing-dispatch]").TextContent.Trim()), Wait);
    }

    [Fact]
    public async Task EventingCard_StoreCommits_RereadsTheStreamFiguresThrottled()
    {
        var view = new SwitchableEventingView(Status(DispatchMode.Nats, 10));
        var commits = new CommitNotifications();
        await using var ctx = Context(view, commits);
        var cut = ctx.Render<EventingCard>();
        cut.WaitForAssertion(() => Assert.Contains("10 messages", cut.Markup, StringComparison.Ordinal), Wait);
        var reads = view.Reads;

        // A burst of commits (as under load) is folded into few reads: at most one per interval.
        view.Status = Status(DispatchMode.Nats, 250);
        var started = DateTime.UtcNow;
        for (var i = 0; i < 200; i++)
        {
            commits.OnCommitted([]);
            await Task.Delay(5);
        }

        cut.WaitForAssertion(() => Assert.Contains("250 messages", cut.Markup, StringComparison.Ordinal), Wait);
        var elapsed = DateTime.UtcNow - started;
        var allowed = (int)Math.Ceiling(elapsed / EventingCard.RefreshInterval) + 1;
        Assert.InRange(view.Reads - reads, 1, allowed);
    }

    [Fact]
    public async Task EventingCard_Disposed_Unsubscribes()
    {
        var view = new SwitchableEventingView(EventingStatus.Embedded);
        await using var ctx = Context(view, new CommitNotifications());
        var cut = ctx.Render<EventingCard>();
        cut.WaitForAssertion(() => Assert.Equal(1, view.Subscribers), Wait);

        cut.Instance.Dispose();

        Assert.Equal(0, view.Subscribers);
    }

    private static BunitContext Context(IEventingView view, CommitNotifications commits)
    {
        var ctx = TestContexts.Create();
        ctx.Services.AddSingleton(view);
        ctx.Services.AddSingleton(commits);
        ctx.Services.AddSingleton(TimeProvider.System);
        return ctx;
    }

    private static EventingStatus Status(DispatchMode dispatch, ulong messages) =>
        new("Nats", dispatch, null, true, "nats://127.0.0.1:4222", dispatch == DispatchMode.Nats ? "Connected" : "Reconnecting", null,
            new StreamStatus("DASHBOARD_EVENTS", ["dashboard.events.>"], messages, messages * 100, 1, messages), null, null, false, [], 0, 0);

    /// <summary>An eventing view whose state the test sets; setting it announces the change as the NATS module does.</summary>
    private sealed class SwitchableEventingView(EventingStatus status) : IEventingView
    {
        private readonly ChangeSignal _changed = new();
        private int _reads;
        private int _subscribers;

        public volatile EventingStatus Status = status;

        public int Reads => Volatile.Read(ref _reads);

        public int Subscribers => Volatile.Read(ref _subscribers);

        public void Set(EventingStatus next)
        {
            Status = next;
            _changed.Raise();
        }

        public Task<EventingStatus> ReadAsync(CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _reads);
            return Task.FromResult(Status);
        }

        public IDisposable Subscribe(Action changed)
        {
            Interlocked.Increment(ref _subscribers);
            var inner = _changed.Subscribe(changed);
            return new Unsubscribe(() =>
            {
                inner.Dispose();
                Interlocked.Decrement(ref _subscribers);
            });
        }

        private sealed class Unsubscribe(Action action) : IDisposable
        {
            public void Dispose() => action();
        }
    }
}
