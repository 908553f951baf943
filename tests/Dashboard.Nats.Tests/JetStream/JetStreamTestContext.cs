using Dashboard.Nats.JetStream;
using Dashboard.Nats.Tests.Infrastructure;

namespace Dashboard.Nats.Tests.JetStream;

/// <summary>A connection, a JetStream context and a fresh stream with one durable pull consumer.</summary>
internal sealed class JetStreamTestContext : IAsyncDisposable
{
    private JetStreamTestContext(NatsConnection connection, string stream, string consumer)
    {
        Connection = connection;
        Js = new NatsJetStream(connection);
        Stream = stream;
        Consumer = consumer;
        Subject = stream.ToLowerInvariant() + ".events";
    }

    public NatsConnection Connection { get; }

    public NatsJetStream Js { get; }

    public string Stream { get; }

    public string Consumer { get; }

    public string Subject { get; }

    public static async Task<JetStreamTestContext> CreateAsync(
        JetStreamServerFixture fixture, Func<ConsumerConfig, ConsumerConfig>? configure = null)
    {
        var connection = await fixture.ConnectAsync();
        var context = new JetStreamTestContext(connection, TestOptions.Unique("S"), "worker");
        await context.Js.CreateStreamAsync(new StreamConfig
        {
            Name = context.Stream,
            Subjects = [context.Stream.ToLowerInvariant() + ".>"],
            Storage = StorageType.File,
            DuplicateWindow = TimeSpan.FromMinutes(2),
        });
        var config = new ConsumerConfig
        {
            DurableName = context.Consumer,
            AckPolicy = AckPolicy.Explicit,
            AckWait = TimeSpan.FromSeconds(30),
            MaxDeliver = 5,
            MaxAckPending = 1000,
            FilterSubject = context.Subject,
        };
        await context.Js.CreateOrUpdateConsumerAsync(context.Stream, configure?.Invoke(config) ?? config);
        return context;
    }

    public Task<IReadOnlyList<NatsJsMsg>> FetchAsync(int max, TimeSpan? expires = null) =>
        Js.FetchAsync(Stream, Consumer, new FetchOptions { MaxMessages = max, Expires = expires ?? TimeSpan.FromSeconds(2) });

    public async ValueTask DisposeAsync()
    {
        try
        {
            await Js.DeleteStreamAsync(Stream);
        }
        finally
        {
            await Connection.DisposeAsync();
        }
    }
}
