using System.Net;
using System.Text.Json;
using Dashboard.IntegrationTests.Workflows;
using Dashboard.Testing;
using static Dashboard.IntegrationTests.Eventing.EventingTestKit;
using static Dashboard.IntegrationTests.RabbitMq.RabbitMqTestKit;

namespace Dashboard.IntegrationTests.RabbitMq;

/// <summary>/healthz/ready follows the RabbitMQ sources' connection to a real broker: unhealthy while it is stopped, healthy after.</summary>
public sealed class RabbitMqReadinessTests : IAsyncLifetime
{
    private RabbitMqTestServer _server = null!;

    public async Task InitializeAsync() => _server = await RabbitMqTestServer.StartNewAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task GetReady_BrokerStoppedThenStarted_UnhealthyWhileLostAndHealthyAfter()
    {
        await using var host = await StartHostAsync(_server);
        using var client = host.CreateBearerClient(Token);

        // No RabbitMQ source yet: no connection is wanted, and readiness says so.
        var (status, body) = await ReadyAsync(client);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("no RabbitMQ source is defined", Broker(body));

        await new RunsApi(client).SaveWorkflowAsync("ready-flow", """[{"name":"note","type":"log","settings":{"message":"got {{ event.id }}"}}]""", null);
        await CreateDefinitionAsync(client, "ready.rmq", "ready", wrap: false, "ready-flow");
        await UntilConsumingAsync(host, 1);
        (status, body) = await ReadyAsync(client);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.StartsWith("connected to 127.0.0.1:", Broker(body));

        await _server.StopAsync();
        await UntilAsync(async () => (await ReadyAsync(client)).Status == HttpStatusCode.ServiceUnavailable, "readiness unhealthy", TimeSpan.FromSeconds(60));
        (_, body) = await ReadyAsync(client);
        Assert.Contains("rabbitmq: connection", body.GetProperty("entries").GetProperty("brokers").GetProperty("description").GetString());

        await _server.StartAsync();
        await UntilAsync(async () => (await ReadyAsync(client)).Status == HttpStatusCode.OK, "readiness healthy again", TimeSpan.FromSeconds(60));
        await UntilConsumingAsync(host, 1);
        Assert.StartsWith("connected to 127.0.0.1:", Broker((await ReadyAsync(client)).Body));
    }

    private static string? Broker(JsonElement body) =>
        body.GetProperty("entries").GetProperty("brokers").GetProperty("data").GetProperty("rabbitmq").GetString();

    private static async Task<(HttpStatusCode Status, JsonElement Body)> ReadyAsync(HttpClient client)
    {
        using var response = await client.GetAsync("/healthz/ready");
        var json = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, JsonDocument.Parse(json).RootElement.Clone());
    }
}
