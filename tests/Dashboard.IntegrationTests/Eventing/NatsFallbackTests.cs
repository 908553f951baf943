using System.Net;
using System.Text.Json;
using Dashboard.Testing;
using Dashboard.IntegrationTests.Workflows;
using Dashboard.Runtime.Contracts;
using Dashboard.Runtime.Nats.Eventing;
using static Dashboard.IntegrationTests.Eventing.EventingTestKit;
using static Dashboard.IntegrationTests.Workflows.RunsApi;

namespace Dashboard.IntegrationTests.Eventing;

/// <summary>Nats mode with the server down: runs go through embedded dispatch, visibly, and return to JetStream when it is back.</summary>
public sealed class NatsFallbackTests
{
    [Fact]
    public async Task NatsMode_ServerDownThenStarted_FallsBackThenRestoresWithoutLossOrDoubleRuns()
    {
        await using var nats = NatsTestServer.Create();
        await using var host = await StartHostAsync(new Dictionary<string, string>
        {
            ["Eventing:Mode"] = "Nats",
            ["Eventing:Nats:Url"] = nats.Url,
            ["Eventing:Nats:FallbackAfterSeconds"] = "300",
        });
        using var client = host.CreateBearerClient(Token);
        var api = new RunsApi(client);
        var workflowId = await api.CreateWorkflowAsync("fb-flow", "fb-flow", """[{"name":"note","type":"log","settings":{"message":"n {{ event.data.n }}"}}]""");

        await UntilDispatchAsync(host, DispatchMode.Fallback);
        await api.SendAsync("fb-flow", "fb-1", """{"n":1}""");
        await api.WaitForRunAsync(workflowId, r => Is(r, "Succeeded"));
        var down = await StatusAsync(host);
        Assert.Equal(DispatchMode.Fallback, down.Dispatch);
        Assert.NotNull(down.DispatchSince);
        Assert.NotNull(down.LastError);
        Assert.Equal(1, Count(host, "SELECT COUNT(*) FROM activity WHERE Kind = 'eventing-fallback' AND WorkflowId IS NULL"));
        var (notReady, notReadyBody) = await ReadinessAsync(host);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, notReady);
        Assert.Contains("nats:", notReadyBody.GetProperty("entries").GetProperty("brokers").GetProperty("description").GetString());

        await nats.StartAsync();
        await UntilDispatchAsync(host, DispatchMode.Nats, TimeSpan.FromSeconds(30));
        await api.SendAsync("fb-flow", "fb-2", """{"n":2}""");
        await api.SendAsync("fb-flow", "fb-3", """{"n":3}""");
        await UntilAsync(async () => (await api.RunsAsync(workflowId, "Succeeded")).Count == 3, "three runs succeeded");
        await UntilAsync(async () => (await ConsumerAsync(nats.Url)).NumAckPending == 0, "messages acknowledged");

        var up = await StatusAsync(host);
        Assert.Equal("Connected", up.ConnectionState);
        var (ready, readyBody) = await ReadinessAsync(host);
        Assert.Equal(HttpStatusCode.OK, ready);
        Assert.Equal("connected", readyBody.GetProperty("entries").GetProperty("brokers").GetProperty("data").GetProperty("nats").GetString());
        Assert.Equal(1, Count(host, "SELECT COUNT(*) FROM activity WHERE Kind = 'eventing-restored' AND WorkflowId IS NULL"));
        Assert.Equal(2L, (await StreamAsync(nats.Url)).State.Messages);
        Assert.Equal(3, (await api.RunsAsync(workflowId)).Count);
        Assert.Equal(3, Count(host, "SELECT COUNT(DISTINCT EventSeq) FROM runs"));
    }

    private static async Task<(HttpStatusCode Status, JsonElement Body)> ReadinessAsync(DashboardHost host)
    {
        using var client = host.CreateClient();
        using var response = await client.GetAsync("/healthz/ready");
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return (response.StatusCode, document.RootElement.Clone());
    }
}
