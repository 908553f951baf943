using System.Net;
using System.Security.Cryptography;
using System.Text;
using Dashboard.Data.Entities;
using Dashboard.Runtime.Access;
using Dashboard.Runtime.Common;
using Dashboard.Runtime.Definitions;
using Dashboard.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.IntegrationTests.Ingestion;

/// <summary>The Standard Webhooks replay guard keeps accepted webhook-ids in the store, so a restart does not forget them.</summary>
public sealed class HmacReplayRestartTests
{
    private const string Secret = "restart-secret-0123456789";

    [Fact]
    public async Task PostHook_ReplayAfterRestart_Returns401()
    {
        var settings = new Dictionary<string, string> { ["Setup:AdminUser"] = DashboardHost.AdminUser, ["Setup:AdminPassword"] = DashboardHost.AdminPassword };
        var first = await DashboardHost.StartAsync(settings);
        var dataPath = first.DataPath;
        var timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var body = """{"specversion":"1.0","id":"restart-1","source":"/signer","type":"com.example.signed","data":{"n":1}}""";
        try
        {
            var events = first.Services.GetRequiredService<EventDefinitionService>();
            var saved = await events.SaveAsync(new EventDefinitionModel
            {
                Key = "signed.restart", HttpRoute = "signed-restart", AuthMode = EventAuthMode.Hmac, NewHmacSecret = Secret,
            }, new Actor("tester"), default);
            Assert.True(saved.Succeeded, string.Join("; ", saved.Errors));
            using var client = first.CreateClient();
            using var accepted = await client.SendAsync(Signed(body, "msg-restart", timestamp));
            Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        }
        finally
        {
            await first.StopKeepingDataAsync();
        }

        await using var second = await DashboardHost.StartAsync(settings, existingDataPath: dataPath);
        using var again = second.CreateClient();

        using var replay = await again.SendAsync(Signed(body, "msg-restart", timestamp));
        using var fresh = await again.SendAsync(Signed(body.Replace("restart-1", "restart-2", StringComparison.Ordinal), "msg-restart-2", timestamp));

        Assert.Equal(HttpStatusCode.Unauthorized, replay.StatusCode);
        Assert.Contains("replayed", await replay.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Accepted, fresh.StatusCode);
    }

    private static HttpRequestMessage Signed(string body, string webhookId, long timestamp)
    {
        var signature = Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(Secret), Encoding.UTF8.GetBytes($"{webhookId}.{timestamp}.{body}")));
        var request = new HttpRequestMessage(HttpMethod.Post, "/hooks/signed-restart") { Content = IngestionFixture.Structured(body) };
        request.Headers.Add("webhook-id", webhookId);
        request.Headers.Add("webhook-timestamp", timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture));
        request.Headers.Add("webhook-signature", $"v1,{signature}");
        return request;
    }
}
