using Dashboard.Runtime.Contracts;
using Dashboard.Testing;
using Microsoft.Extensions.DependencyInjection;
using static Dashboard.IntegrationTests.Eventing.EventingTestKit;

namespace Dashboard.IntegrationTests.Eventing;

/// <summary>The NATS module announces its state changes to subscribers of <see cref="IEventingView"/> (the System page's card).</summary>
public sealed class EventingViewSubscriptionTests
{
    [Fact]
    public async Task Subscribe_ServerStartsAfterFallback_SubscriberIsToldAndReadsNatsDispatch()
    {
        await using var nats = NatsTestServer.Create();
        await using var host = await StartHostAsync(new Dictionary<string, string> { ["Eventing:Mode"] = "Nats", ["Eventing:Nats:Url"] = nats.Url });
        var view = host.Services.GetRequiredService<IEventingView>();
        await UntilDispatchAsync(host, DispatchMode.Fallback);

        var signals = 0;
        using (view.Subscribe(() => Interlocked.Increment(ref signals)))
        {
            await nats.StartAsync();
            await UntilAsync(() => Volatile.Read(ref signals) > 0, "a state change announced", TimeSpan.FromSeconds(30));
            await UntilAsync(async () => (await view.ReadAsync(CancellationToken.None)).Dispatch == DispatchMode.Nats, "dispatch on NATS", TimeSpan.FromSeconds(30));
        }

        // Unsubscribed: a later change is not announced to it.
        var after = Volatile.Read(ref signals);
        await nats.StopAsync();
        await UntilDispatchAsync(host, DispatchMode.Fallback, TimeSpan.FromSeconds(30));
        Assert.Equal(after, Volatile.Read(ref signals));
    }
}
