using System.Net;
using System.Text;

namespace Dashboard.IntegrationTests.Ingestion;

/// <summary>What a new user tries first: other methods, two credentials, headers the HTTP binding forbids.</summary>
public sealed class IngestionEdgeCaseTests(IngestionFixture fixture) : IClassFixture<IngestionFixture>
{
    public static TheoryData<string, string> OtherMethods => new()
    {
        { "GET", "/hooks/orders" }, { "HEAD", "/hooks/orders" }, { "DELETE", "/hooks/orders" }, { "PATCH", "/hooks/orders" },
        { "PUT", "/hooks/orders" }, { "GET", "/hooks/open" }, { "TRACE", "/hooks/signed" },
        { "PUT", "/events" }, { "DELETE", "/events" }, { "PATCH", "/events" },
    };

    [Theory]
    [MemberData(nameof(OtherMethods))]
    public async Task Request_OtherMethodOnIngestionRoute_Returns405WithAllowNeverARedirect(string method, string path)
    {
        using var client = fixture.Client();

        using var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path));

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Equal(["POST", "OPTIONS"], response.Content.Headers.Allow.Order(StringComparer.Ordinal).Reverse());
    }

    [Fact]
    public async Task Options_WebhookValidationHandshake_GrantsTheOriginAndNamesTheMethod()
    {
        using var client = fixture.Client();
        using var request = new HttpRequestMessage(HttpMethod.Options, "/hooks/orders");
        request.Headers.Add("WebHook-Request-Origin", "eventemitter.example.com");

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("eventemitter.example.com", Assert.Single(response.Headers.GetValues("WebHook-Allowed-Origin")));
        Assert.Contains("POST", response.Content.Headers.Allow);
    }

    [Fact]
    public async Task Options_UnknownRoute_Returns404()
    {
        using var client = fixture.Client();

        using var response = await client.SendAsync(new HttpRequestMessage(HttpMethod.Options, "/hooks/nowhere"));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task PostHook_HeaderAndQueryToken_Returns400AndIsRecorded()
    {
        using var client = fixture.Client(fixture.Token);

        using var response = await client.PostAsync($"/hooks/orders?access_token={fixture.Token}", IngestionFixture.Structured(IngestionFixture.Order("two-creds-1")));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("more than one credential", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(0, fixture.StoredEvents("two-creds-1"));
        Assert.True(fixture.Scalar("SELECT COUNT(*) FROM ingestion_ledger WHERE Status = 400 AND Outcome = 'RejectedAuth' AND Reason LIKE 'more than one credential%'") >= 1);
    }

    [Fact]
    public async Task PostHook_TwoQueryTokens_Returns400()
    {
        using var client = fixture.Client();

        using var response = await client.PostAsync($"/hooks/orders?access_token={fixture.Token}&access_token={fixture.Token}", IngestionFixture.Structured(IngestionFixture.Order("two-creds-2")));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(0, fixture.StoredEvents("two-creds-2"));
    }

    [Fact]
    public async Task PostHook_TwoAuthorizationHeaders_Returns400()
    {
        using var client = fixture.Client();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/hooks/orders") { Content = IngestionFixture.Structured(IngestionFixture.Order("two-creds-3")) };
        request.Headers.TryAddWithoutValidation("Authorization", ["Bearer " + fixture.Token, "Bearer other"]);

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task PostHook_BinaryModeWithCeDataContentType_Returns400NamingTheHeader()
    {
        using var response = await PostBinaryAsync("dct-1", ("ce-datacontenttype", "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(await ConformanceEndpointTests.ErrorsAsync(response), e => e.Path == "ce-datacontenttype");
    }

    [Fact]
    public async Task PostHook_BinaryModeWithRepeatedCeHeaderLine_Returns400()
    {
        // HttpClient folds repeated headers into one line, so write the two ce-subject lines by hand.
        using var tcp = new System.Net.Sockets.TcpClient();
        await tcp.ConnectAsync(fixture.Host.BaseAddress.Host, fixture.Host.BaseAddress.Port);
        await using var stream = tcp.GetStream();
        var body = "{}";
        var request = "POST /hooks/open HTTP/1.1\r\nHost: localhost\r\nce-specversion: 1.0\r\nce-id: dup-1\r\nce-source: /s\r\n" +
                      "ce-type: com.example.open\r\nce-subject: one\r\nce-subject: two\r\nContent-Type: application/json\r\n" +
                      $"Content-Length: {body.Length}\r\nConnection: close\r\n\r\n{body}";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(request));
        using var reader = new StreamReader(stream);
        var response = await reader.ReadToEndAsync();

        Assert.StartsWith("HTTP/1.1 400", response, StringComparison.Ordinal);
        Assert.Contains("duplicate header", response, StringComparison.Ordinal);
        Assert.Equal(0, fixture.StoredEvents("dup-1"));
    }

    [Fact]
    public async Task PostHook_BinaryModeWithoutSpecVersion_Returns400NamingTheHeader()
    {
        using var client = fixture.Client();
        var content = new StringContent("{}", Encoding.UTF8, "application/json");
        content.Headers.Add("ce-id", "nospec-1");
        content.Headers.Add("ce-source", "/s");
        content.Headers.Add("ce-type", "com.example.open");

        using var response = await client.PostAsync("/hooks/open", content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(await ConformanceEndpointTests.ErrorsAsync(response), e => e.Path == "ce-specversion");
    }

    private async Task<HttpResponseMessage> PostBinaryAsync(string id, params (string Name, string Value)[] extra)
    {
        using var client = fixture.Client();
        var content = new StringContent("""{"a":1}""", Encoding.UTF8, "application/json");
        content.Headers.Add("ce-specversion", "1.0");
        content.Headers.Add("ce-id", id);
        content.Headers.Add("ce-source", "/s");
        content.Headers.Add("ce-type", "com.example.open");
        foreach (var (name, value) in extra)
        {
            content.Headers.Add(name, value);
        }

        return await client.PostAsync("/hooks/open", content);
    }

    [Theory]
    [InlineData("ledger-schema-1", """{"qty":"many"}""", null)]
    [InlineData("ledger-decode-1", """{"orderId":"A-1"}""", "yesterday")]
    public async Task PostHook_RejectedEvent_LedgerRowKeepsIdSourceAndType(string id, string data, string? time)
    {
        var json = IngestionFixture.Order(id, data);
        if (time is not null)
        {
            json = json.Replace("\"source\"", $"\"time\":\"{time}\",\"source\"", StringComparison.Ordinal);
        }

        using var client = fixture.Client(fixture.Token);
        using var response = await client.PostAsync("/hooks/orders", IngestionFixture.Structured(json));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(1, fixture.Scalar(
            "SELECT COUNT(*) FROM ingestion_ledger WHERE EventId = $id AND EventSource = '/shop' AND EventType = 'com.example.order.created' AND Status = 400",
            ("$id", id)));
    }
}
