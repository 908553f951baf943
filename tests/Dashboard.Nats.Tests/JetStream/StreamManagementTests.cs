using Dashboard.Nats.JetStream;
using Dashboard.Nats.Tests.Infrastructure;

namespace Dashboard.Nats.Tests.JetStream;

public sealed class StreamManagementTests(JetStreamServerFixture fixture) : IClassFixture<JetStreamServerFixture>
{
    [Fact]
    public async Task CreateStreamAsync_NewStream_ReturnsConfigAndEmptyState()
    {
        await using var connection = await fixture.ConnectAsync();
        var js = new NatsJetStream(connection);
        var name = TestOptions.Unique("CREATE");

        var info = await js.CreateStreamAsync(new StreamConfig
        {
            Name = name,
            Subjects = ["create.>"],
            Retention = RetentionPolicy.WorkQueue,
            MaxAge = TimeSpan.FromHours(1),
            DuplicateWindow = TimeSpan.FromSeconds(30),
        });

        Assert.Equal(name, info.Config.Name);
        Assert.Equal(RetentionPolicy.WorkQueue, info.Config.Retention);
        Assert.Equal(TimeSpan.FromHours(1), info.Config.MaxAge);
        Assert.Equal(TimeSpan.FromSeconds(30), info.Config.DuplicateWindow);
        Assert.Equal(0UL, info.State.Messages);
        Assert.True(await js.DeleteStreamAsync(name));
    }

    [Fact]
    public async Task UpdateStreamAsync_ChangedLimit_InfoShowsNewLimit()
    {
        await using var connection = await fixture.ConnectAsync();
        var js = new NatsJetStream(connection);
        var config = new StreamConfig { Name = TestOptions.Unique("UPDATE"), Subjects = ["update.>"] };
        await js.CreateStreamAsync(config);

        await js.UpdateStreamAsync(config with { MaxMsgs = 5 });
        var info = await js.GetStreamAsync(config.Name);

        Assert.Equal(5, info.Config.MaxMsgs);
        await js.DeleteStreamAsync(config.Name);
    }

    [Fact]
    public async Task GetStreamAsync_MissingStream_ThrowsTypedApiException()
    {
        await using var connection = await fixture.ConnectAsync();
        var js = new NatsJetStream(connection);

        var error = await Assert.ThrowsAsync<NatsJetStreamApiException>(() => js.GetStreamAsync("NOPE"));

        Assert.Equal(404, error.Code);
        Assert.Equal(10059, error.ErrorCode);
        Assert.Contains("stream not found", error.Description, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task CreateOrUpdateConsumerAsync_DurablePull_CreatesThenUpdatesEditableFields()
    {
        await using var context = await JetStreamTestContext.CreateAsync(fixture);

        var created = await context.Js.GetConsumerAsync(context.Stream, context.Consumer);
        var updated = await context.Js.CreateOrUpdateConsumerAsync(
            context.Stream, created.Config with { MaxDeliver = 9, AckWait = TimeSpan.FromSeconds(10) });

        Assert.Equal(context.Consumer, created.Name);
        Assert.Equal(AckPolicy.Explicit, created.Config.AckPolicy);
        Assert.Equal(context.Subject, created.Config.FilterSubject);
        Assert.Equal(1000, created.Config.MaxAckPending);
        Assert.Equal(9, updated.Config.MaxDeliver);
        Assert.Equal(TimeSpan.FromSeconds(10), updated.Config.AckWait);
    }

    [Fact]
    public async Task GetConsumerAsync_MissingConsumer_ThrowsTypedApiException()
    {
        await using var context = await JetStreamTestContext.CreateAsync(fixture);

        var error = await Assert.ThrowsAsync<NatsJetStreamApiException>(() => context.Js.GetConsumerAsync(context.Stream, "missing"));

        Assert.Equal(404, error.Code);
        Assert.Equal(10014, error.ErrorCode);
    }
}
