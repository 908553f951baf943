using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;

namespace Dashboard.IntegrationTests.Ingestion;

/// <summary>Every bad input gets the right status and a problem body, never a 5xx and never a partial write.</summary>
public sealed class BadInputTests(IngestionFixture fixture) : IClassFixture<IngestionFixture>
{
    public static TheoryData<string, string, string> BadStructuredEvents => new()
    {
        { "missing id", """{"specversion":"1.0","source":"/shop","type":"com.example.order.created","data":{"orderId":"x"}}""", "$.id" },
        { "empty source", """{"specversion":"1.0","id":"b-1","source":"","type":"com.example.order.created","data":{"orderId":"x"}}""", "$.source" },
        { "wrong specversion", """{"specversion":"0.3","id":"b-2","source":"/shop","type":"com.example.order.created","data":{"orderId":"x"}}""", "$.specversion" },
        { "bad time", """{"specversion":"1.0","id":"b-3","source":"/shop","type":"com.example.order.created","time":"yesterday","data":{"orderId":"x"}}""", "$.time" },
        { "data and data_base64", """{"specversion":"1.0","id":"b-4","source":"/shop","type":"com.example.order.created","data":{"orderId":"x"},"data_base64":"eA=="}""", "$" },
        { "duplicate property", """{"specversion":"1.0","id":"b-5","id":"b-5b","source":"/shop","type":"com.example.order.created","data":{"orderId":"x"}}""", "$" },
        { "lone surrogate", """{"specversion":"1.0","id":"b-6","source":"/shop","type":"com.example.order.created","data":{"orderId":"\ud800"}}""", "$" },
    };

    [Theory]
    [MemberData(nameof(BadStructuredEvents))]
    public async Task PostHook_MalformedEvent_Returns400NamingTheField(string name, string json, string pathPrefix)
    {
        using var client = fixture.Client(fixture.Token);
        using var response = await client.PostAsync("/hooks/orders", IngestionFixture.Structured(json));

        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{name}: {(int)response.StatusCode}");
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        var paths = problem.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("path").GetString()!).ToList();
        Assert.Contains(paths, p => p.StartsWith(pathPrefix, StringComparison.Ordinal));
        Assert.Equal(0, fixture.Scalar("SELECT COUNT(*) FROM events WHERE Id LIKE 'b-%'"));
    }

    [Fact]
    public async Task PostHook_InvalidUtf8_Returns400()
    {
        var bytes = Encoding.UTF8.GetBytes(IngestionFixture.Order("b-utf8", """{"orderId":"__"}""")).ToList();
        var at = bytes.IndexOf((byte)'_');
        bytes[at] = 0xC3;
        bytes[at + 1] = 0x28;
        using var content = new ByteArrayContent(bytes.ToArray());
        content.Headers.ContentType = new("application/cloudevents+json");
        using var client = fixture.Client(fixture.Token);
        using var response = await client.PostAsync("/hooks/orders", content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(0, fixture.StoredEvents("b-utf8"));
    }

    [Fact]
    public async Task PostHook_NestingDeeperThan64_Returns400()
    {
        var deep = new string('[', 100) + new string(']', 100);
        using var client = fixture.Client(fixture.Token);
        using var response = await client.PostAsync("/hooks/orders", IngestionFixture.Structured(IngestionFixture.Order("b-deep", $$"""{"orderId":"x","nested":{{deep}}}""")));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(0, fixture.StoredEvents("b-deep"));
    }

    [Fact]
    public async Task PostHook_BatchWithOneBadEvent_RejectsWholeBatchNamingIndex()
    {
        var batch = $"[{IngestionFixture.Order("b-batch-ok")},{IngestionFixture.Order("b-batch-bad", """{"qty":"many"}""")}]";
        using var client = fixture.Client(fixture.Token);
        using var response = await client.PostAsync("/hooks/orders", IngestionFixture.Batch(batch));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var paths = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").EnumerateArray()
            .Select(e => e.GetProperty("path").GetString()!).ToList();
        Assert.Contains(paths, p => p.StartsWith("$[1].data", StringComparison.Ordinal));
        Assert.Equal(0, fixture.StoredEvents("b-batch-ok"));
    }

    [Fact]
    public async Task PostHook_BatchWithRepeatedId_Returns400NamingIndex()
    {
        var batch = $"[{IngestionFixture.Order("b-repeat")},{IngestionFixture.Order("b-repeat")}]";
        using var client = fixture.Client(fixture.Token);
        using var response = await client.PostAsync("/hooks/orders", IngestionFixture.Batch(batch));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var paths = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").EnumerateArray()
            .Select(e => e.GetProperty("path").GetString()!).ToList();
        Assert.Contains("$[1].id", paths);
        Assert.Equal(0, fixture.StoredEvents("b-repeat"));
    }

    [Fact]
    public async Task PostHook_CrLfInCeHeader_Returns400NotServerError()
    {
        // HttpClient refuses CR/LF in header values, so write the request by hand; an obs-fold continuation line
        // is how a CR/LF reaches a server, and Kestrel itself rejects it with 400.
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(fixture.Host.BaseAddress.Host, fixture.Host.BaseAddress.Port);
        await using var stream = tcp.GetStream();
        var body = """{"orderId":"x"}""";
        var request = "POST /hooks/orders HTTP/1.1\r\nHost: localhost\r\n" +
                      $"Authorization: Bearer {fixture.Token}\r\nce-specversion: 1.0\r\nce-id: b-crlf\r\n evil: yes\r\n" +
                      "ce-source: /shop\r\nce-type: com.example.order.created\r\nContent-Type: application/json\r\n" +
                      $"Content-Length: {body.Length}\r\nConnection: close\r\n\r\n{body}";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(request));
        using var reader = new StreamReader(stream);
        var statusLine = await reader.ReadLineAsync();

        Assert.StartsWith("HTTP/1.1 400", statusLine);
        Assert.Equal(0, fixture.StoredEvents("b-crlf"));
    }

    [Fact]
    public async Task PostHook_PercentEncodedCeHeader_IsDecoded()
    {
        using var client = fixture.Client(fixture.Token);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/hooks/orders")
        {
            Content = new StringContent("""{"orderId":"x"}""", Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("ce-specversion", "1.0");
        request.Headers.Add("ce-id", "b-pct");
        request.Headers.Add("ce-source", "/shop");
        request.Headers.Add("ce-type", "com.example.order.created");
        request.Headers.Add("ce-subject", "caf%C3%A9%20order");
        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal(1, fixture.Scalar("SELECT COUNT(*) FROM events WHERE Id = 'b-pct' AND Subject = 'café order'"));
    }
}
