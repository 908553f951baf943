using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Dashboard.IntegrationTests.Ingestion;

/// <summary>The ledger API over the real host: an accepted event's entry is its own row, found by its negated Seq (M020).</summary>
public sealed class LedgerApiTests(IngestionFixture fixture) : IClassFixture<IngestionFixture>
{
    [Fact]
    public async Task GetLedgerRow_AcceptedEvent_ResolvesItsNegatedSeqWithoutALedgerRow()
    {
        using var client = fixture.Client(fixture.Token);
        using var posted = await client.PostAsync("/hooks/orders", IngestionFixture.Structured(IngestionFixture.Order("l-api")));
        Assert.Equal(HttpStatusCode.Accepted, posted.StatusCode);
        var seq = fixture.Scalar("SELECT Seq FROM events WHERE Id = 'l-api'");

        using var api = await fixture.Host.CreateSignedInClientAsync();
        var row = await api.GetFromJsonAsync<JsonElement>($"/api/ledger/{-seq}");
        var page = await api.GetFromJsonAsync<JsonElement>("/api/ledger?outcome=Accepted&take=500");

        Assert.Equal(0, fixture.Scalar("SELECT COUNT(*) FROM ingestion_ledger WHERE EventId = 'l-api'"));
        Assert.Equal(-seq, row.GetProperty("id").GetInt64());
        Assert.Equal("Accepted", row.GetProperty("outcome").GetString());
        Assert.Equal(202, row.GetProperty("status").GetInt32());
        Assert.Equal("/hooks/orders", row.GetProperty("route").GetString());
        Assert.Equal(seq, row.GetProperty("eventSeq").GetInt64());
        Assert.False(row.GetProperty("tokenId").ValueKind == JsonValueKind.Null);
        Assert.Equal("runs", row.GetProperty("trace").EnumerateArray().Last().GetProperty("stage").GetString());
        Assert.Contains(page.GetProperty("items").EnumerateArray(), item => item.GetProperty("id").GetInt64() == -seq);
        using var missing = await api.GetAsync($"/api/ledger/{-(seq + 1_000_000)}");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }
}
