using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Dashboard.Data.Events;
using Microsoft.Data.Sqlite;

namespace Dashboard.IntegrationTests.Ingestion;

/// <summary>The routing trace recorded with each ingestion outcome, read back from its ledger entry.</summary>
public sealed class IngestionTraceTests(IngestionFixture fixture) : IClassFixture<IngestionFixture>
{
    [Fact]
    public async Task PostHook_AcceptedAndRouted_TraceNamesEachPassedStageAndTheRun()
    {
        using var client = fixture.Client(fixture.Token);
        using var response = await client.PostAsync("/hooks/orders", IngestionFixture.Structured(IngestionFixture.Order("t-accept")));
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);

        var trace = Trace("EventId = 't-accept'");
        Assert.Equal(["received", "route", "mode", "auth", "decode", "schema", "dedupe", "workflow", "runs"], trace.Select(s => s.Stage));
        Assert.Contains("/hooks/orders", Step(trace, "received").Detail, StringComparison.Ordinal);
        Assert.Contains("structured", Step(trace, "mode").Detail, StringComparison.Ordinal);
        AssertStep(trace, "auth", TraceResult.Passed, "token 'ingest'");
        AssertStep(trace, "schema", TraceResult.Passed, "orders.created");
        AssertStep(trace, "dedupe", TraceResult.Passed, "new");
        AssertStep(trace, "workflow", TraceResult.Passed, "'order-flow' v1: matched");
        AssertStep(trace, "runs", TraceResult.Passed, "1 run(s) queued");
    }

    [Fact]
    public async Task PostHook_TypeOutsideTypeFilter_StoredButWorkflowNotMatchedWithReason()
    {
        using var client = fixture.Client(fixture.Token);
        using var response = await client.PostAsync("/hooks/orders",
            IngestionFixture.Structured(IngestionFixture.Order("t-filtered", type: "com.example.order.cancelled")));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal(1, fixture.StoredEvents("t-filtered"));
        Assert.Equal(0, fixture.Scalar("SELECT COUNT(*) FROM runs r JOIN events e ON e.Seq = r.EventSeq WHERE e.Id = 't-filtered'"));
        var trace = Trace("EventId = 't-filtered'");
        AssertStep(trace, "workflow", TraceResult.Skipped, "'order-flow': not matched (type filter: the event's type 'com.example.order.cancelled' is not 'com.example.order.created')");
        AssertStep(trace, "runs", TraceResult.Skipped, "no runs queued");
    }

    [Fact]
    public async Task PostHook_Duplicate_TraceNamesTheStoredEventAndHasNoRouting()
    {
        using var client = fixture.Client(fixture.Token);
        using var first = await client.PostAsync("/hooks/orders", IngestionFixture.Structured(IngestionFixture.Order("t-dup")));
        using var second = await client.PostAsync("/hooks/orders", IngestionFixture.Structured(IngestionFixture.Order("t-dup")));
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);

        var seq = fixture.Scalar("SELECT Seq FROM events WHERE Id = 't-dup'");
        var trace = Trace("EventId = 't-dup' AND Outcome = 'Duplicate'");
        AssertStep(trace, "dedupe", TraceResult.Info, $"duplicate of stored event #{seq}");
        Assert.DoesNotContain(trace, s => s.Stage is "workflow" or "runs");
    }

    [Theory]
    [InlineData(null, null, "missing token")]
    [InlineData("not-a-real-token", null, "invalid token")]
    [InlineData("not-a-real-token", "other-token", "more than one credential")]
    public async Task PostHook_TokenRejected_TraceEndsWithFailedAuthAndWhy(string? bearer, string? queryToken, string why)
    {
        using var client = fixture.Client(bearer);
        var url = queryToken is null ? "/hooks/orders" : $"/hooks/orders?access_token={queryToken}";
        using var response = await client.PostAsync(url, IngestionFixture.Structured(IngestionFixture.Order("t-auth")));
        Assert.False(response.IsSuccessStatusCode);

        var trace = LatestTrace();
        Assert.Equal(["received", "route", "mode", "auth"], trace.Select(s => s.Stage));
        AssertStep(trace, "auth", TraceResult.Failed, why);
    }

    [Fact]
    public async Task PostHook_StructuredWithBadToken_LedgerRecordsTheAnnouncedModeButNoIdentity()
    {
        using var client = fixture.Client("not-a-real-token");
        using var response = await client.PostAsync("/hooks/orders", IngestionFixture.Structured(IngestionFixture.Order("t-auth-mode")));
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);

        var id = fixture.Scalar("SELECT MAX(Id) FROM ingestion_ledger WHERE Outcome = 'RejectedAuth'");
        Assert.Equal(1, fixture.Scalar($"SELECT COUNT(*) FROM ingestion_ledger WHERE Id = {id} AND ContentMode = 'Structured' AND EventId IS NULL"));
    }

    [Fact]
    public async Task PostHook_BinaryModeWithoutToken_LedgerKeepsIdentityFromCeHeaders()
    {
        using var client = fixture.Client();
        using var content = new StringContent("""{"orderId":"A-1"}""", Encoding.UTF8, "application/json");
        content.Headers.Add("ce-specversion", "1.0");
        content.Headers.Add("ce-id", "t-binary-auth");
        content.Headers.Add("ce-source", "/shop");
        content.Headers.Add("ce-type", "com.example.order.created");
        using var response = await client.PostAsync("/hooks/orders", content);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);

        Assert.Equal(1, fixture.Scalar("SELECT COUNT(*) FROM ingestion_ledger WHERE EventId = 't-binary-auth' AND EventSource = '/shop' AND EventType = 'com.example.order.created' AND Outcome = 'RejectedAuth'"));
        var trace = Trace("EventId = 't-binary-auth'");
        AssertStep(trace, "mode", TraceResult.Info, "binary");
        AssertStep(trace, "auth", TraceResult.Failed, "missing token");
    }

    [Fact]
    public async Task PostHook_BadHmacSignature_TraceEndsWithFailedSignature()
    {
        using var client = fixture.Client();
        using var response = await client.SendAsync(Signed(SignedBody("t-hmac-bad"), "t-msg-bad", "another-secret-0123456"));
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);

        AssertStep(LatestTrace(), "auth", TraceResult.Failed, "HMAC (Standard Webhooks): invalid signature");
    }

    [Fact]
    public async Task PostHook_ReplayedWebhookId_FirstTracePassesSecondFailsAsReplay()
    {
        using var client = fixture.Client();
        using var first = await client.SendAsync(Signed(SignedBody("t-hmac-replay"), "t-msg-replay"));
        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        AssertStep(Trace("EventId = 't-hmac-replay'"), "auth", TraceResult.Passed, "signature verified (Standard Webhooks, webhook-id 't-msg-replay')");

        using var second = await client.SendAsync(Signed(SignedBody("t-hmac-replay"), "t-msg-replay"));
        Assert.Equal(HttpStatusCode.Unauthorized, second.StatusCode);
        AssertStep(LatestTrace(), "auth", TraceResult.Failed, "replayed signature");
    }

    [Fact]
    public async Task PostHook_DecodeError_TraceListsTheProblemWithItsPath()
    {
        using var client = fixture.Client(fixture.Token);
        const string noSource = """{"specversion":"1.0","id":"t-decode","type":"com.example.order.created","data":{"orderId":"A-1"}}""";
        using var response = await client.PostAsync("/hooks/orders", IngestionFixture.Structured(noSource));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);

        var trace = LatestTrace();
        AssertStep(trace, "auth", TraceResult.Passed, "token 'ingest'");
        AssertStep(trace, "decode", TraceResult.Failed, "source");
        Assert.DoesNotContain(trace, s => s.Stage is "schema" or "dedupe");
    }

    [Fact]
    public async Task PostHook_SchemaError_TraceListsEachErrorWithItsPathAndLedgerKeepsIdentity()
    {
        using var client = fixture.Client(fixture.Token);
        using var response = await client.PostAsync("/hooks/orders",
            IngestionFixture.Structured(IngestionFixture.Order("t-schema", """{"orderId":7,"qty":0}""")));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);

        var trace = Trace("EventId = 't-schema'");
        AssertStep(trace, "decode", TraceResult.Passed, "1 event");
        var schema = trace.Where(s => s.Stage == "schema").ToList();
        Assert.Equal(2, schema.Count);
        Assert.All(schema, s => Assert.Equal(TraceResult.Failed, s.Result));
        Assert.Contains(schema, s => s.Detail.StartsWith("$.data.orderId:", StringComparison.Ordinal));
        Assert.Contains(schema, s => s.Detail.StartsWith("$.data.qty:", StringComparison.Ordinal));
        Assert.Equal(1, fixture.Scalar("SELECT COUNT(*) FROM ingestion_ledger WHERE EventId = 't-schema' AND EventSource = '/shop' AND EventType = 'com.example.order.created' AND Outcome = 'RejectedInvalid'"));
    }

    [Fact]
    public async Task GetLedgerRow_Rejection_ReturnsItsTrace()
    {
        using var client = fixture.Client();
        using var response = await client.PostAsync("/hooks/orders", IngestionFixture.Structured(IngestionFixture.Order("t-api")));
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var id = fixture.Scalar("SELECT MAX(Id) FROM ingestion_ledger");

        using var api = await fixture.Host.CreateSignedInClientAsync();
        var row = await api.GetFromJsonAsync<JsonElement>($"/api/ledger/{id}");

        Assert.Equal("RejectedAuth", row.GetProperty("outcome").GetString());
        var auth = row.GetProperty("trace").EnumerateArray().Last();
        Assert.Equal("auth", auth.GetProperty("stage").GetString());
        Assert.Equal("failed", auth.GetProperty("result").GetString());
        using var missing = await api.GetAsync("/api/ledger/999999999");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task GetEvent_Accepted_DetailJsonHoldsTheRecordedTrace()
    {
        using var client = fixture.Client(fixture.Token);
        using var posted = await client.PostAsync("/hooks/orders", IngestionFixture.Structured(IngestionFixture.Order("t-detail")));
        Assert.Equal(HttpStatusCode.Accepted, posted.StatusCode);

        using var api = await fixture.Host.CreateSignedInClientAsync();
        var detail = await api.GetFromJsonAsync<JsonElement>("/api/events/t-detail");

        var stages = detail.GetProperty("trace").EnumerateArray().Select(s => s.GetProperty("stage").GetString()).ToList();
        Assert.Equal(["received", "route", "mode", "auth", "decode", "schema", "dedupe", "workflow", "runs"], stages);
    }

    private static string SignedBody(string id) =>
        $$$"""{"specversion":"1.0","id":"{{{id}}}","source":"/signer","type":"com.example.signed","data":{"n":1}}""";

    private static HttpRequestMessage Signed(string body, string webhookId, string secret = IngestionFixture.HmacSecret)
    {
        var timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var signature = Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes($"{webhookId}.{timestamp}.{body}")));
        var request = new HttpRequestMessage(HttpMethod.Post, "/hooks/signed") { Content = IngestionFixture.Structured(body) };
        request.Headers.Add("webhook-id", webhookId);
        request.Headers.Add("webhook-timestamp", timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture));
        request.Headers.Add("webhook-signature", $"v1,{signature}");
        return request;
    }

    private static TraceStep Step(IReadOnlyList<TraceStep> trace, string stage) =>
        trace.FirstOrDefault(s => s.Stage == stage) ?? throw new Xunit.Sdk.XunitException($"no '{stage}' step in: {Describe(trace)}");

    private static void AssertStep(IReadOnlyList<TraceStep> trace, string stage, TraceResult result, string detailPart)
    {
        Assert.True(trace.Any(s => s.Stage == stage && s.Result == result && s.Detail.Contains(detailPart, StringComparison.Ordinal)),
            $"expected a {result} '{stage}' step containing \"{detailPart}\" in: {Describe(trace)}");
    }

    private static string Describe(IReadOnlyList<TraceStep> trace) => string.Join(" | ", trace.Select(s => $"{s.Stage}/{s.Result}: {s.Detail}"));

    private IReadOnlyList<TraceStep> LatestTrace() => Trace("l.Id = (SELECT MAX(Id) FROM ingestion_ledger)");

    private IReadOnlyList<TraceStep> Trace(string where)
    {
        using var connection = new SqliteConnection($"Data Source={fixture.Host.DatabasePath};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT l.Trace FROM ({LedgerLogSql.All}) l WHERE {where} ORDER BY l.Pos DESC LIMIT 1";
        var json = command.ExecuteScalar() as string;
        Assert.False(string.IsNullOrEmpty(json), $"no trace recorded for {where}");
        return IngestionTrace.Parse(json);
    }
}
