namespace Dashboard.IntegrationTests.RabbitMq;

/// <summary>One rabbitmq-server node shared by the tests of a class (each test uses its own queues and host).</summary>
public sealed class RabbitMqBrokerFixture : IAsyncLifetime
{
    internal RabbitMqTestServer Server { get; private set; } = null!;

    public async Task InitializeAsync() => Server = await RabbitMqTestServer.StartNewAsync();

    public async Task DisposeAsync() => await Server.DisposeAsync();
}
