using System.Net;
using System.Security.Cryptography;
using System.Text;

namespace Dashboard.IntegrationTests.Ingestion;

/// <summary>Standard Webhooks signatures: HMAC-SHA256 over "id.timestamp.body", ±5 minutes, each id once.</summary>
public sealed class HmacSignatureTests(IngestionFixture fixture) : IClassFixture<IngestionFixture>
{
    private static string Body(string id) =>
        $$$"""{"specversion":"1.0","id":"{{{id}}}","source":"/signer","type":"com.example.signed","data":{"n":1}}""";

    private static HttpRequestMessage Signed(string body, string webhookId, long timestamp, string secret = IngestionFixture.HmacSecret)
    {
        var signature = Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes($"{webhookId}.{timestamp}.{body}")));
        var request = new HttpRequestMessage(HttpMethod.Post, "/hooks/signed") { Content = IngestionFixture.Structured(body) };
        request.Headers.Add("webhook-id", webhookId);
        request.Headers.Add("webhook-timestamp", timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture));
        request.Headers.Add("webhook-signature", $"v1,{signature}");
        return request;
    }

    private static long Now => DateTimeOffset.UtcNow.ToUnixTimeSeconds();

    [Fact]
    public async Task PostHook_ValidSignature_Returns202()
    {
        using var client = fixture.Client();
        using var response = await client.SendAsync(Signed(Body("h-ok"), "msg-ok", Now));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
    }

    [Fact]
    public async Task PostHook_WrongSecret_Returns401AndActivity()
    {
        using var client = fixture.Client();
        using var response = await client.SendAsync(Signed(Body("h-bad"), "msg-bad", Now, "another-secret-0123456"));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(0, fixture.StoredEvents("h-bad"));
        Assert.True(fixture.Scalar("SELECT COUNT(*) FROM activity a JOIN workflow_definitions w ON w.Id = a.WorkflowId WHERE w.Name = 'signed-flow' AND a.Message = 'rejected: invalid signature'") >= 1);
    }

    [Fact]
    public async Task PostHook_TamperedBody_Returns401()
    {
        using var client = fixture.Client();
        var request = Signed(Body("h-tamper"), "msg-tamper", Now);
        request.Content = IngestionFixture.Structured(Body("h-tamper").Replace("\"n\":1", "\"n\":2", StringComparison.Ordinal));
        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    // Well past the ±300 s tolerance: a skew of 301 s reads as 300 s (accepted) when the request crosses a second
    // boundary on its way to the check, since timestamps are whole seconds.
    [Theory]
    [InlineData(-360)]
    [InlineData(360)]
    public async Task PostHook_TimestampOutsideTolerance_Returns401(int skewSeconds)
    {
        using var client = fixture.Client();
        using var response = await client.SendAsync(Signed(Body($"h-skew{skewSeconds}"), $"msg-skew{skewSeconds}", Now + skewSeconds));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task PostHook_ReplayedSignature_Returns401()
    {
        using var client = fixture.Client();
        var timestamp = Now;
        using var first = await client.SendAsync(Signed(Body("h-replay"), "msg-replay", timestamp));
        using var replay = await client.SendAsync(Signed(Body("h-replay"), "msg-replay", timestamp));

        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, replay.StatusCode);
        Assert.Contains("replayed", await replay.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PostHook_MissingSignatureHeaders_Returns401()
    {
        using var client = fixture.Client();
        using var response = await client.PostAsync("/hooks/signed", IngestionFixture.Structured(Body("h-none")));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}
