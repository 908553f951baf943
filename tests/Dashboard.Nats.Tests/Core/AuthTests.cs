using Dashboard.Nats.Tests.Infrastructure;

namespace Dashboard.Nats.Tests.Core;

public sealed class AuthTests
{
    [Fact]
    public async Task ConnectAsync_TokenServer_RightTokenConnectsWrongTokenFailsClearly()
    {
        await using var server = await NatsServerProcess.StartAsync(["--auth", "s3cret-token"]);
        await using var good = new NatsConnection(TestOptions.Fast with { Url = server.Url, Token = "s3cret-token" });
        await using var bad = new NatsConnection(TestOptions.Fast with { Url = server.Url, Token = "wrong" });

        await good.ConnectAsync();
        var error = await Assert.ThrowsAsync<NatsAuthorizationException>(() => bad.ConnectAsync());

        Assert.Equal(NatsConnectionState.Connected, good.State);
        Assert.True(good.ServerInfo!.AuthRequired);
        Assert.Contains("Authorization Violation", error.Message, StringComparison.Ordinal);
        Assert.Equal(NatsConnectionState.Disconnected, bad.State);
    }

    [Fact]
    public async Task ConnectAsync_UserPasswordServer_RightCredentialsConnectWrongPasswordFails()
    {
        await using var server = await NatsServerProcess.StartAsync(["--user", "app", "--pass", "pa55"]);
        await using var good = new NatsConnection(TestOptions.Fast with { Url = server.Url, User = "app", Password = "pa55" });
        await using var fromUrl = new NatsConnection(TestOptions.Fast with { Url = $"nats://app:pa55@127.0.0.1:{server.Port}" });
        await using var bad = new NatsConnection(TestOptions.Fast with { Url = server.Url, User = "app", Password = "nope" });

        await good.ConnectAsync();
        await fromUrl.ConnectAsync();
        await good.FlushAsync();

        await Assert.ThrowsAsync<NatsAuthorizationException>(() => bad.ConnectAsync());
        Assert.Equal(NatsConnectionState.Connected, fromUrl.State);
    }

    [Fact]
    public async Task ConnectAsync_NothingListening_ThrowsConnectionException()
    {
        await using var server = await NatsServerProcess.StartAsync();
        await server.StopAsync();
        await using var connection = new NatsConnection(TestOptions.Fast with { Url = server.Url });

        var error = await Assert.ThrowsAsync<NatsConnectionException>(() => connection.ConnectAsync());

        Assert.Contains($"{server.Port}", error.Message, StringComparison.Ordinal);
    }
}
