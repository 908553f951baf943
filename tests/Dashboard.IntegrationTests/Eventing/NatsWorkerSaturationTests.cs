using Dashboard.IntegrationTests.ScaleOut;
using Dashboard.IntegrationTests.Workflows;
using Dashboard.Runtime.Contracts;
using Dashboard.Runtime.Nats.Eventing;
using Dashboard.Runtime.Workflows.Services;
using Dashboard.Testing;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;
using static Dashboard.IntegrationTests.Eventing.EventingTestKit;

namespace Dashboard.IntegrationTests.Eventing;

/// <summary>
/// A burst far larger than the instance's workers, each run held by a slow step: every JetStream message is delivered
/// exactly once, so saturation alone never moves a healthy event towards MaxDeliver and the dead-letter path. A worker
/// that took messages it could not start and handed them back (a NAK) redelivers them here: the consumer's delivery
/// sequence would run ahead of the stream's, and with MaxDeliver 2 the second hand-back dead-letters the event.
/// </summary>
public sealed class NatsWorkerSaturationTests(ITestOutputHelper output)
{
    private const int Events = 20;

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public async Task Pull_WorkersSaturatedBySlowStep_EveryMessageDeliveredOnceAndNothingDeadLettered(int workers)
    {
        await using var nats = await NatsTestServer.StartNewAsync();
        await using var slow = GateServer.Slow(TimeSpan.FromMilliseconds(150));
        await using var host = await StartHostAsync(new Dictionary<string, string>
        {
            ["Eventing:Mode"] = "Nats",
            ["Eventing:Nats:Url"] = nats.Url,
            ["Eventing:Nats:FallbackAfterSeconds"] = "300",
            ["Eventing:Nats:MaxDeliver"] = "2",
            // Short, so a message held unacknowledged while the workers are busy would also come back.
            ["Eventing:Nats:AckWaitSeconds"] = "3",
            ["Workflows:Workers"] = $"{workers}",
        });
        try
        {
            await UntilDispatchAsync(host, DispatchMode.Nats);
            await RunBurstAndAssertAsync(host, nats, slow);
        }
        finally
        {
            foreach (var line in host.Logs.Lines.Where(l => l.StartsWith("Warning", StringComparison.Ordinal) || l.StartsWith("Error", StringComparison.Ordinal)).TakeLast(40))
            {
                output.WriteLine(line);
            }
        }
    }

    private static async Task RunBurstAndAssertAsync(DashboardHost host, NatsTestServer nats, GateServer slow)
    {
        using var client = host.CreateBearerClient(Token);
        var api = new RunsApi(client);
        var steps = $$$"""[{"name":"slow","type":"http","settings":{"method":"GET","url":"{{{slow.Url}}}","timeoutSeconds":60}}]""";
        await api.CreateWorkflowAsync("slow", "slow", steps);
        for (var i = 0; i < Events; i++)
        {
            await api.SendAsync("slow", $"slow-{i}", "{}");
        }

        await UntilAsync(() => Count(host, "SELECT COUNT(*) FROM runs WHERE State = 'Succeeded'") == Events
                               || Count(host, "SELECT COUNT(*) FROM runs WHERE State = 'DeadLettered'") > 0,
            $"{Events} succeeded runs", TimeSpan.FromSeconds(120));
        await UntilAsync(async () => (await ConsumerAsync(nats.Url)).NumAckPending == 0, "every message acknowledged");

        var consumer = await ConsumerAsync(nats.Url);
        Assert.Equal(0, Count(host, "SELECT COUNT(*) FROM runs WHERE State = 'DeadLettered'"));
        Assert.Equal(0, ActivityLogFile.Count(host, new ActivityLogFilter(Kind: "run-dead-lettered")));
        Assert.Equal(Events, Count(host, "SELECT COUNT(*) FROM runs WHERE State = 'Succeeded'"));
        Assert.Equal((ulong)Events, consumer.Delivered.StreamSeq);
        Assert.Equal((ulong)Events, consumer.Delivered.ConsumerSeq);
        Assert.Equal(0UL, consumer.NumPending);
        Assert.Equal(0L, host.Services.GetRequiredService<JetStreamWorker>().Redelivered);
        Assert.Equal(Events, slow.Requests);
    }
}
