using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Dashboard.Data.Entities;
using Dashboard.IntegrationTests.Ingestion;
using Microsoft.Data.Sqlite;

namespace Dashboard.IntegrationTests.Live;

public sealed class ActivityExportTests(IngestionFixture fixture) : IClassFixture<IngestionFixture>
{
    private async Task<HttpClient> ReaderAsync() =>
        fixture.Client(await fixture.CreateTokenAsync($"reader-{Guid.NewGuid():N}", ApiTokenRole.Viewer, TokenScopeKind.All, null, null));

    private async Task RejectAsync()
    {
        using var bad = fixture.Client("wrong-token");
        using var response = await bad.PostAsync("/hooks/orders", IngestionFixture.Structured(IngestionFixture.Order($"x-{Guid.NewGuid():N}")));
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    private void InsertActivity(long workflowId, string kind, string message, string? actor)
    {
        using var connection = new SqliteConnection($"Data Source={fixture.Host.DatabasePath};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "INSERT INTO activity (At, WorkflowId, Kind, Message, Actor) VALUES ($at, $wf, $kind, $message, $actor)";
        command.Parameters.AddWithValue("$at", DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
        command.Parameters.AddWithValue("$wf", workflowId);
        command.Parameters.AddWithValue("$kind", kind);
        command.Parameters.AddWithValue("$message", message);
        command.Parameters.AddWithValue("$actor", (object?)actor ?? DBNull.Value);
        command.ExecuteNonQuery();
    }

    [Fact]
    public async Task ExportCsv_AuthFailure_ListsReasonAndRemoteAddress()
    {
        await RejectAsync();
        using var reader = await ReaderAsync();

        using var response = await reader.GetAsync($"/api/activity/export?format=csv&workflow={fixture.OrdersWorkflowId}&kind=rejected-auth");
        var csv = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("text/csv", response.Content.Headers.ContentType!.ToString(), StringComparison.Ordinal);
        var lines = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("id,at,workflowId,workflow,kind,message,actor,eventSeq,runId,remoteAddress,tokenId,tokenName,reason,status", lines[0]);
        Assert.True(lines.Length >= 2);
        Assert.All(lines.Skip(1), line => Assert.Contains(",order-flow,rejected-auth,", line, StringComparison.Ordinal));
        Assert.Contains("127.0.0.1", lines[1], StringComparison.Ordinal);
        Assert.EndsWith(",401", lines[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExportCsv_FormulaLikeText_IsPrefixedWithQuote()
    {
        var kind = $"test-{Guid.NewGuid():N}";
        InsertActivity(fixture.OrdersWorkflowId, kind, "=HYPERLINK(\"http://evil\",\"click\")", "+cmd");
        InsertActivity(fixture.OrdersWorkflowId, kind, "@SUM(A1)", "-2");
        using var reader = await ReaderAsync();

        var csv = await reader.GetStringAsync($"/api/activity/export?format=csv&kind={kind}");

        var lines = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3, lines.Length);
        Assert.Contains($",{kind},'@SUM(A1),'-2,", lines[1], StringComparison.Ordinal);
        Assert.Contains($",{kind},\"'=HYPERLINK(\"\"http://evil\"\",\"\"click\"\")\",'+cmd,", lines[2], StringComparison.Ordinal);
        Assert.DoesNotContain(",=", csv, StringComparison.Ordinal);
        Assert.DoesNotContain(",@", csv, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExportJson_FilteredSet_IsAnArrayOfEntries()
    {
        var kind = $"json-{Guid.NewGuid():N}";
        InsertActivity(fixture.OrdersWorkflowId, kind, "one", null);
        InsertActivity(fixture.OrdersWorkflowId, kind, "two", null);
        using var reader = await ReaderAsync();

        var json = await reader.GetFromJsonAsync<JsonArray>($"/api/activity/export?format=json&kind={kind}&from=2000-01-01T00:00:00Z");

        Assert.Equal(["two", "one"], json!.Select(e => e!["message"]!.GetValue<string>()));
        Assert.All(json!, e => Assert.Equal("order-flow", e!["workflowName"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Page_ByWorkflow_ReturnsTotals()
    {
        await RejectAsync();
        using var reader = await ReaderAsync();

        var page = await reader.GetFromJsonAsync<JsonNode>($"/api/activity?workflow={fixture.OrdersWorkflowId}&take=1");

        Assert.True(page!["total"]!.GetValue<long>() >= 1);
        Assert.Single(page["items"]!.AsArray());
    }

    [Fact]
    public async Task Export_AnonymousOrBadFormat_IsRefused()
    {
        using var anonymous = await fixture.Host.CreateClient().GetAsync("/api/activity/export?format=csv");
        using var reader = await ReaderAsync();
        using var badFormat = await reader.GetAsync("/api/activity/export?format=xlsx");

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, badFormat.StatusCode);
    }
}
