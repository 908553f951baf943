using System.Security.Cryptography;
using System.Text;
using Dashboard.IntegrationTests.Data;
using Dashboard.IntegrationTests.Sources;
using Dashboard.Runtime.Ingestion;
using Microsoft.Extensions.Options;

namespace Dashboard.IntegrationTests.Ingestion;

/// <summary>The signature tolerance's exact edge, on a clock the test holds still (over HTTP the clock moves on).</summary>
public sealed class HmacToleranceTests : IAsyncLifetime
{
    private static readonly byte[] Key = Encoding.UTF8.GetBytes("tolerance-secret-0123456789");
    private static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeSeconds(1_800_000_000);
    private MigratedStore _store = null!;

    public async Task InitializeAsync() => _store = await MigratedStore.CreateAsync();

    public async Task DisposeAsync() => await _store.DisposeAsync();

    [Theory]
    [InlineData(-300, null)]
    [InlineData(300, null)]
    [InlineData(-301, "webhook-timestamp is more than 300 s from the server clock")]
    [InlineData(301, "webhook-timestamp is more than 300 s from the server clock")]
    public async Task VerifyAsync_TimestampAtTheEdge_AcceptedUpTo300Seconds(int skewSeconds, string? expected)
    {
        var verifier = new HmacVerifier(new ManualClock(Now), Options.Create(new IngestionOptions()), new WebhookIdStore(_store.Connections));
        var id = $"msg-edge{skewSeconds}";
        var timestamp = (Now.ToUnixTimeSeconds() + skewSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var body = """{"specversion":"1.0","id":"edge","source":"/signer","type":"t"}"""u8.ToArray();
        var signature = "v1," + Convert.ToBase64String(HMACSHA256.HashData(Key, Encoding.UTF8.GetBytes($"{id}.{timestamp}.").Concat(body).ToArray()));

        var problem = await verifier.VerifyAsync(1, Key, id, timestamp, signature, body, CancellationToken.None);

        Assert.Equal(expected, problem);
    }
}
