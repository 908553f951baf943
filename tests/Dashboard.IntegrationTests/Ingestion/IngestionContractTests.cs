using System.Net.Http.Json;
using System.Net;
using System.Text.Json;
using System.Text;
using Dashboard.Data.Entities;
using Dashboard.Data.Events;

namespace Dashboard.IntegrationTests.Ingestion;

/// <summary>Each row of the ingestion HTTP contract, over real HTTP against the real host and SQLite file.</summary>
public sealed class IngestionContractTests(IngestionFixture fixture) : IClassFixture<IngestionFixture>
{
    [Fact]
    public async Task PostHook_ValidStructuredEvent_Returns202AndStoresOnceWithQueuedRun()
    {
        using var client = fixture.Client(fixture.Token);
        using var response = await client.PostAsync("/hooks/orders", IngestionFixture.Structured(IngestionFixture.Order("c-accept")));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("c-accept", body.GetProperty("id").GetString());
        Assert.Equal("accepted", body.GetProperty("status").GetString());
        Assert.Equal("order-flow", body.GetProperty("workflows")[0].GetString());
        Assert.Equal(1, fixture.StoredEvents("c-accept"));
        Assert.Equal(1, fixture.Scalar("SELECT COUNT(*) FROM runs r JOIN events e ON e.Seq = r.EventSeq WHERE e.Id = 'c-accept'"));
        Assert.Equal(1, fixture.Scalar($"SELECT COUNT(*) FROM ({LedgerLogSql.All}) WHERE EventId = 'c-accept' AND Outcome = 'Accepted' AND Status = 202"));
    }

    [Fact]
    public async Task PostHook_SameSourceAndIdTwice_SecondIsDuplicate200AndNotRoutedAgain()
    {
        using var client = fixture.Client(fixture.Token);
        using var first = await client.PostAsync("/hooks/orders", IngestionFixture.Structured(IngestionFixture.Order("c-dup")));
        using var second = await client.PostAsync("/hooks/orders", IngestionFixture.Structured(IngestionFixture.Order("c-dup")));

        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.True((await second.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("duplicate").GetBoolean());
        Assert.Equal(1, fixture.StoredEvents("c-dup"));
        Assert.Equal(1, fixture.Scalar("SELECT COUNT(*) FROM runs r JOIN events e ON e.Seq = r.EventSeq WHERE e.Id = 'c-dup'"));
        Assert.Equal(1, fixture.Scalar("SELECT COUNT(*) FROM ingestion_ledger WHERE EventId = 'c-dup' AND Outcome = 'Duplicate'"));
    }

    [Fact]
    public async Task PostEvents_BinaryModeRoutedByType_Returns202()
    {
        using var client = fixture.Client(fixture.Token);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/events")
        {
            Content = new StringContent("""{"orderId":"B-7"}""", Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("ce-specversion", "1.0");
        request.Headers.Add("ce-id", "c-binary");
        request.Headers.Add("ce-source", "/shop");
        request.Headers.Add("ce-type", "com.example.order.created");
        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal(1, fixture.Scalar("SELECT COUNT(*) FROM events WHERE Id = 'c-binary' AND ContentMode = 'Binary' AND DefinitionId = $d", ("$d", fixture.OrdersDefinitionId)));
    }

    [Fact]
    public async Task PostHook_Batch_Returns202WithPerEventResults()
    {
        using var client = fixture.Client(fixture.Token);
        var batch = $"[{IngestionFixture.Order("c-batch-1")},{IngestionFixture.Order("c-batch-2")}]";
        using var response = await client.PostAsync("/hooks/orders", IngestionFixture.Batch(batch));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var results = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("results");
        Assert.Equal(2, results.GetArrayLength());
        Assert.All(results.EnumerateArray(), r => Assert.Equal("accepted", r.GetProperty("status").GetString()));
        Assert.Equal(1, fixture.StoredEvents("c-batch-2"));
    }

    [Fact]
    public async Task PostHook_SchemaFailure_Returns400NamingEachPath()
    {
        using var client = fixture.Client(fixture.Token);
        using var response = await client.PostAsync("/hooks/orders", IngestionFixture.Structured(IngestionFixture.Order("c-schema", """{"qty":0}""")));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").EnumerateArray()
            .Select(e => e.GetProperty("path").GetString()).ToList();
        Assert.Contains("$.data", errors);
        Assert.Contains("$.data.qty", errors);
        Assert.Equal(0, fixture.StoredEvents("c-schema"));
    }

    [Fact]
    public async Task PostHook_MissingToken_Returns401AndRecordsActivityOnTargetedWorkflow()
    {
        using var client = fixture.Client();
        using var response = await client.PostAsync("/hooks/orders", IngestionFixture.Structured(IngestionFixture.Order("c-notoken")));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(0, fixture.StoredEvents("c-notoken"));
        Assert.True(fixture.Scalar("SELECT COUNT(*) FROM activity WHERE WorkflowId = $w AND Kind = 'rejected-auth' AND Message LIKE '%missing token%'", ("$w", fixture.OrdersWorkflowId)) >= 1);
    }

    [Fact]
    public async Task PostHook_WrongToken_Returns401WithLedgerRow()
    {
        using var client = fixture.Client("edt_not-a-real-token");
        using var response = await client.PostAsync("/hooks/orders", IngestionFixture.Structured(IngestionFixture.Order("c-wrongtoken")));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.True(fixture.Scalar("SELECT COUNT(*) FROM ingestion_ledger WHERE Outcome = 'RejectedAuth' AND Reason = 'invalid token' AND Route = '/hooks/orders'") >= 1);
        Assert.True(fixture.Scalar("SELECT COUNT(*) FROM activity WHERE WorkflowId = $w AND Message = 'rejected: invalid token'", ("$w", fixture.OrdersWorkflowId)) >= 1);
    }

    [Fact]
    public async Task PostHook_TokenInQueryString_IsAccepted()
    {
        using var client = fixture.Client();
        using var response = await client.PostAsync($"/hooks/orders?access_token={Uri.EscapeDataString(fixture.Token)}", IngestionFixture.Structured(IngestionFixture.Order("c-query")));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
    }

    [Fact]
    public async Task PostHook_TokenScopedToOtherDefinition_Returns403()
    {
        var scoped = await fixture.CreateTokenAsync("scoped-elsewhere", ApiTokenRole.Ingest, TokenScopeKind.EventDefinition, fixture.OrdersDefinitionId + 100, null);
        using var client = fixture.Client(scoped);
        using var response = await client.PostAsync("/hooks/orders", IngestionFixture.Structured(IngestionFixture.Order("c-scope")));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(0, fixture.StoredEvents("c-scope"));
    }

    [Fact]
    public async Task PostHook_TokenScopedToBoundWorkflow_IsAccepted()
    {
        var scoped = await fixture.CreateTokenAsync("scoped-workflow", ApiTokenRole.Ingest, TokenScopeKind.Workflow, fixture.OrdersWorkflowId, null);
        using var client = fixture.Client(scoped);
        using var response = await client.PostAsync("/hooks/orders", IngestionFixture.Structured(IngestionFixture.Order("c-scope-wf")));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
    }

    [Fact]
    public async Task PostHook_UnknownRoute_Returns404WithLedgerRow()
    {
        using var client = fixture.Client(fixture.Token);
        using var response = await client.PostAsync("/hooks/no-such-route", IngestionFixture.Structured(IngestionFixture.Order("c-404")));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.True(fixture.Scalar("SELECT COUNT(*) FROM ingestion_ledger WHERE Outcome = 'Unmatched' AND Route = '/hooks/no-such-route'") >= 1);
    }

    [Fact]
    public async Task PostEvents_UnknownType_Returns404()
    {
        using var client = fixture.Client(fixture.Token);
        using var response = await client.PostAsync("/events", IngestionFixture.Structured(IngestionFixture.Order("c-type", type: "com.example.unknown")));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task PostHook_DisabledDefinition_Returns410()
    {
        using var client = fixture.Client();
        using var response = await client.PostAsync("/hooks/paused", IngestionFixture.Structured(IngestionFixture.Order("c-410")));

        Assert.Equal(HttpStatusCode.Gone, response.StatusCode);
        Assert.Equal(0, fixture.StoredEvents("c-410"));
    }

    [Fact]
    public async Task PostHook_PublicDefinition_NeedsNoToken()
    {
        using var client = fixture.Client();
        using var response = await client.PostAsync("/hooks/open", IngestionFixture.Structured(IngestionFixture.Order("c-open", type: "com.example.open")));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
    }

    [Fact]
    public async Task PostHook_BodyOverLimit_Returns413()
    {
        using var client = fixture.Client(fixture.Token);
        var big = IngestionFixture.Order("c-413", $$"""{"orderId":"{{new string('x', 1024 * 1024 + 10)}}"}""");
        using var response = await client.PostAsync("/hooks/orders", IngestionFixture.Structured(big));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal(0, fixture.StoredEvents("c-413"));
    }

    [Fact]
    public async Task PostHook_UnsupportedContentType_Returns415()
    {
        using var client = fixture.Client(fixture.Token);
        using var response = await client.PostAsync("/hooks/orders", new StringContent("<event/>", Encoding.UTF8, "application/xml"));

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
    }

    [Fact]
    public async Task PostHook_RevokedToken_Returns401AndCountsFailure()
    {
        var secret = await fixture.CreateTokenAsync("to-revoke", ApiTokenRole.Ingest, TokenScopeKind.All, null, null);
        var tokens = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<Dashboard.Runtime.Access.ApiTokenService>(fixture.Host.Services);
        var id = fixture.Scalar("SELECT Id FROM api_tokens WHERE Name = 'to-revoke'");
        Assert.True(await tokens.RevokeAsync(id, new Dashboard.Runtime.Common.Actor("tester"), default));

        using var client = fixture.Client(secret);
        using var response = await client.PostAsync("/hooks/orders", IngestionFixture.Structured(IngestionFixture.Order("c-revoked")));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(1, fixture.Scalar("SELECT FailureCount FROM api_tokens WHERE Id = $id", ("$id", id)));
    }

    [Fact]
    public async Task PostHook_ExpiredToken_Returns401()
    {
        var secret = await fixture.CreateTokenAsync("short-lived", ApiTokenRole.Ingest, TokenScopeKind.All, null, DateTimeOffset.UtcNow.AddSeconds(1));
        await Task.Delay(TimeSpan.FromSeconds(1.5));
        using var client = fixture.Client(secret);
        using var response = await client.PostAsync("/hooks/orders", IngestionFixture.Structured(IngestionFixture.Order("c-expired")));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task GetEvent_AfterAccept_ReturnsEventLedgerAndRuns()
    {
        using var client = fixture.Client(fixture.Token);
        using var posted = await client.PostAsync("/hooks/orders", IngestionFixture.Structured(IngestionFixture.Order("c-detail")));
        Assert.Equal(HttpStatusCode.Accepted, posted.StatusCode);

        using var api = await fixture.Host.CreateSignedInClientAsync();
        var detail = await api.GetFromJsonAsync<JsonElement>("/api/events/c-detail");

        Assert.Equal("/shop", detail.GetProperty("source").GetString());
        Assert.Equal("A-1", detail.GetProperty("data").GetProperty("orderId").GetString());
        Assert.Equal("Accepted", detail.GetProperty("ledger")[0].GetProperty("outcome").GetString());
        Assert.Equal("order-flow", detail.GetProperty("runs")[0].GetProperty("workflowName").GetString());
        Assert.True(detail.GetProperty("routing")[0].GetProperty("matched").GetBoolean());
    }

    [Fact]
    public async Task GetEvent_AfterAcceptAndTwoDuplicates_LedgerListsAllThreeInOrder()
    {
        using var client = fixture.Client(fixture.Token);
        foreach (var expected in new[] { HttpStatusCode.Accepted, HttpStatusCode.OK, HttpStatusCode.OK })
        {
            using var response = await client.PostAsync("/hooks/orders", IngestionFixture.Structured(IngestionFixture.Order("c-trail")));
            Assert.Equal(expected, response.StatusCode);
        }

        using var api = await fixture.Host.CreateSignedInClientAsync();
        var detail = await api.GetFromJsonAsync<JsonElement>("/api/events/c-trail");

        // The acceptance is found through the stored event's Seq, the duplicates (no Seq) through their identity.
        var outcomes = detail.GetProperty("ledger").EnumerateArray().Select(row => row.GetProperty("outcome").GetString()).ToList();
        Assert.Equal(["Accepted", "Duplicate", "Duplicate"], outcomes);
    }
}
