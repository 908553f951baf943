using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text;
using Dashboard.Data.Events;
using Dashboard.IntegrationTests.Ingestion;

namespace Dashboard.IntegrationTests.WebSockets;

/// <summary>The WebSocket source against the real host with a real <see cref="System.Net.WebSockets.ClientWebSocket"/>.</summary>
public sealed class WebSocketSourceTests(WebSocketFixture fixture) : IClassFixture<WebSocketFixture>
{
    private static string NewId() => "ws-" + Guid.NewGuid().ToString("N");

    [Fact]
    public async Task Frame_StructuredEvent_AnsweredAcceptedWithIdAndStored()
    {
        var id = NewId();
        await using var socket = await fixture.ConnectAsync();

        await socket.SendTextAsync(IngestionFixture.Order(id));
        var answer = await socket.ReceiveAsync();

        Assert.Equal(1, answer.GetProperty("frame").GetInt64());
        Assert.Equal(202, answer.GetProperty("status").GetInt32());
        Assert.Equal("accepted", answer.GetProperty("outcome").GetString());
        Assert.Equal(id, answer.GetProperty("id").GetString());
        Assert.Equal(["ws-order-flow"], answer.GetProperty("workflows").EnumerateArray().Select(w => w.GetString()));
        Assert.Equal(1, fixture.StoredEvents(id));
        Assert.Equal(1, fixture.Scalar($"SELECT COUNT(*) FROM ({LedgerLogSql.All}) WHERE EventId = $id AND Route = '/ws/orders' AND Outcome = 'Accepted'", ("$id", id)));
    }

    [Fact]
    public async Task Frame_Batch_AnsweredWithOneResultPerEvent()
    {
        var (first, second) = (NewId(), NewId());
        await using var socket = await fixture.ConnectAsync();

        await socket.SendTextAsync($"  [{IngestionFixture.Order(first)},{IngestionFixture.Order(second)}]");
        var answer = await socket.ReceiveAsync();

        Assert.Equal(202, answer.GetProperty("status").GetInt32());
        Assert.Equal(2, answer.GetProperty("accepted").GetInt32());
        Assert.Equal([first, second], answer.GetProperty("results").EnumerateArray().Select(r => r.GetProperty("id").GetString()));
        Assert.Equal(1, fixture.StoredEvents(first));
        Assert.Equal(1, fixture.StoredEvents(second));
    }

    [Fact]
    public async Task Frame_SameEventTwice_SecondAnsweredDuplicateAndStoredOnce()
    {
        var id = NewId();
        await using var socket = await fixture.ConnectAsync();

        await socket.SendTextAsync(IngestionFixture.Order(id));
        await socket.SendTextAsync(IngestionFixture.Order(id));
        var first = await socket.ReceiveAsync();
        var second = await socket.ReceiveAsync();

        Assert.Equal("accepted", first.GetProperty("outcome").GetString());
        Assert.Equal(200, second.GetProperty("status").GetInt32());
        Assert.Equal("duplicate", second.GetProperty("outcome").GetString());
        Assert.True(second.GetProperty("duplicate").GetBoolean());
        Assert.Equal(1, fixture.StoredEvents(id));
    }

    [Fact]
    public async Task Frame_DataBreaksSchema_RejectedWithPathLedgeredAndConnectionKept()
    {
        var (bad, good) = (NewId(), NewId());
        await using var socket = await fixture.ConnectAsync();

        await socket.SendTextAsync(IngestionFixture.Order(bad, data: """{"qty":0}"""));
        var rejected = await socket.ReceiveAsync();
        await socket.SendTextAsync(IngestionFixture.Order(good));
        var accepted = await socket.ReceiveAsync();

        Assert.Equal(400, rejected.GetProperty("status").GetInt32());
        Assert.Equal("rejected", rejected.GetProperty("outcome").GetString());
        var paths = rejected.GetProperty("problem").GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("path").GetString()).ToList();
        Assert.Contains(paths, p => p!.StartsWith("$.data", StringComparison.Ordinal));
        Assert.Equal(0, fixture.StoredEvents(bad));
        Assert.Equal(1, fixture.Scalar("SELECT COUNT(*) FROM ingestion_ledger WHERE EventId = $id AND Route = '/ws/orders' AND Outcome = 'RejectedInvalid' AND Status = 400", ("$id", bad)));
        Assert.True(fixture.Scalar("SELECT COUNT(*) FROM activity WHERE WorkflowId = $w AND Kind = 'rejected-invalid'", ("$w", fixture.OrdersWorkflowId)) >= 1);
        Assert.Equal("accepted", accepted.GetProperty("outcome").GetString());
    }

    [Fact]
    public async Task Frame_MalformedJson_RejectedAndConnectionKept()
    {
        await using var socket = await fixture.ConnectAsync();

        await socket.SendTextAsync("{\"specversion\":\"1.0\",");
        var rejected = await socket.ReceiveAsync();
        var id = NewId();
        await socket.SendTextAsync(IngestionFixture.Order(id));

        Assert.Equal(400, rejected.GetProperty("status").GetInt32());
        Assert.NotEmpty(rejected.GetProperty("problem").GetProperty("errors").EnumerateArray());
        Assert.Equal("accepted", (await socket.ReceiveAsync()).GetProperty("outcome").GetString());
    }

    [Fact]
    public async Task Frame_Binary_Rejected415AndConnectionKept()
    {
        await using var socket = await fixture.ConnectAsync();

        await socket.SendBinaryAsync(Encoding.UTF8.GetBytes(IngestionFixture.Order(NewId())));
        var rejected = await socket.ReceiveAsync();
        var id = NewId();
        await socket.SendTextAsync(IngestionFixture.Order(id));

        Assert.Equal(415, rejected.GetProperty("status").GetInt32());
        Assert.Equal("UnsupportedMediaType", rejected.GetProperty("problem").GetProperty("outcome").GetString());
        Assert.Equal("accepted", (await socket.ReceiveAsync()).GetProperty("outcome").GetString());
        Assert.True(fixture.Scalar("SELECT COUNT(*) FROM ingestion_ledger WHERE Route = '/ws/orders' AND Status = 415") >= 1);
    }

    [Fact]
    public async Task Frame_OverSizeLimit_Rejected413NotBufferedAndConnectionKept()
    {
        await using var socket = await fixture.ConnectAsync();
        var huge = IngestionFixture.Order(NewId(), data: $$"""{"orderId":"{{new string('x', WebSocketFixture.MaxFrameBytes * 8)}}"}""");

        await socket.SendTextAsync(huge);
        var rejected = await socket.ReceiveAsync();
        var id = NewId();
        await socket.SendTextAsync(IngestionFixture.Order(id));

        Assert.Equal(413, rejected.GetProperty("status").GetInt32());
        Assert.Equal("TooLarge", rejected.GetProperty("problem").GetProperty("outcome").GetString());
        var next = await socket.ReceiveAsync();
        Assert.Equal(2, next.GetProperty("frame").GetInt64());
        Assert.Equal("accepted", next.GetProperty("outcome").GetString());
    }

    [Fact]
    public async Task Frames_SentWithoutWaiting_AnsweredInOrder()
    {
        var ids = Enumerable.Range(0, 60).Select(_ => NewId()).ToList();
        await using var socket = await fixture.ConnectAsync();

        foreach (var (id, i) in ids.Select((id, i) => (id, i)))
        {
            // Every fifth frame breaks the schema, so answers of different kinds interleave.
            await socket.SendTextAsync(i % 5 == 4 ? IngestionFixture.Order(id, data: "{}") : IngestionFixture.Order(id));
        }

        for (var i = 0; i < ids.Count; i++)
        {
            var answer = await socket.ReceiveAsync();
            Assert.Equal(i + 1, answer.GetProperty("frame").GetInt64());
            Assert.Equal(i % 5 == 4 ? "rejected" : "accepted", answer.GetProperty("outcome").GetString());
            if (i % 5 != 4)
            {
                Assert.Equal(ids[i], answer.GetProperty("id").GetString());
            }
        }
    }

    [Fact]
    public async Task Handshake_WithoutOrWithBadToken_Refused401AndRecordedAgainstTheWorkflow()
    {
        Assert.Equal(HttpStatusCode.Unauthorized, await EventSocket.RefusedStatusAsync(fixture.Host.BaseAddress, "orders"));
        Assert.Equal(HttpStatusCode.Unauthorized, await EventSocket.RefusedStatusAsync(fixture.Host.BaseAddress, "orders", bearer: "not-a-token"));

        Assert.True(fixture.Scalar("SELECT COUNT(*) FROM ingestion_ledger WHERE Route = '/ws/orders' AND Outcome = 'RejectedAuth' AND Status = 401") >= 2);
        Assert.True(fixture.Scalar("SELECT COUNT(*) FROM activity WHERE WorkflowId = $w AND Kind = 'rejected-auth' AND Message LIKE '%missing token%'", ("$w", fixture.OrdersWorkflowId)) >= 1);
    }

    [Fact]
    public async Task Handshake_UnknownRouteDisabledOrTwoCredentials_RefusedWithTheContractStatus()
    {
        Assert.Equal(HttpStatusCode.NotFound, await EventSocket.RefusedStatusAsync(fixture.Host.BaseAddress, "nowhere", fixture.Token));
        Assert.Equal(HttpStatusCode.Gone, await EventSocket.RefusedStatusAsync(fixture.Host.BaseAddress, "paused"));
        Assert.Equal(HttpStatusCode.BadRequest, await EventSocket.RefusedStatusAsync(fixture.Host.BaseAddress, "orders", fixture.Token, $"access_token={fixture.Token}"));
    }

    [Fact]
    public async Task Handshake_QueryToken_ConnectsAndFramesAreAttributedToTheToken()
    {
        var id = NewId();
        await using var socket = await EventSocket.ConnectAsync(fixture.Host.BaseAddress, "orders", query: $"access_token={Uri.EscapeDataString(fixture.Token)}");

        await socket.SendTextAsync(IngestionFixture.Order(id));

        Assert.Equal("accepted", (await socket.ReceiveAsync()).GetProperty("outcome").GetString());
        Assert.Equal(1, fixture.Scalar($"SELECT COUNT(*) FROM ({LedgerLogSql.All}) WHERE EventId = $id AND TokenId IS NOT NULL", ("$id", id)));
    }

    [Fact]
    public async Task Handshake_StandardWebhooksSignature_ConnectsOnceAndReplayIsRefused()
    {
        var webhookId = "msg-" + Guid.NewGuid().ToString("N");
        var timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var signature = Convert.ToBase64String(HMACSHA256.HashData(
            Encoding.UTF8.GetBytes(IngestionFixture.HmacSecret), Encoding.UTF8.GetBytes($"{webhookId}.{timestamp}.")));
        var headers = new Dictionary<string, string>
        {
            ["webhook-id"] = webhookId, ["webhook-timestamp"] = timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["webhook-signature"] = $"v1,{signature}",
        };

        await using (var socket = await EventSocket.ConnectAsync(fixture.Host.BaseAddress, "signed", headers: headers))
        {
            var id = NewId();
            await socket.SendTextAsync(IngestionFixture.Order(id));
            Assert.Equal("accepted", (await socket.ReceiveAsync()).GetProperty("outcome").GetString());
            await socket.SendTextAsync(IngestionFixture.Order(NewId()));
            Assert.Equal("accepted", (await socket.ReceiveAsync()).GetProperty("outcome").GetString());
        }

        Assert.Equal(HttpStatusCode.Unauthorized, await EventSocket.RefusedStatusAsync(fixture.Host.BaseAddress, "signed"));
        await Assert.ThrowsAsync<System.Net.WebSockets.WebSocketException>(() => EventSocket.ConnectAsync(fixture.Host.BaseAddress, "signed", headers: headers));
    }

    [Fact]
    public async Task HttpGet_WithoutUpgrade_Answers426NotTheSignInPage()
    {
        using var client = fixture.Host.CreateClient();
        using var response = await client.GetAsync("/ws/orders");

        Assert.Equal((HttpStatusCode)426, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task HooksRoute_OfAWebSocketDefinition_Answers404()
    {
        using var client = fixture.Host.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", fixture.Token);
        using var response = await client.PostAsync("/hooks/orders", IngestionFixture.Structured(IngestionFixture.Order(NewId())));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        _ = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
    }
}
