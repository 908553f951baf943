using System.Net;
using System.Text.Json;
using CloudNative.CloudEvents;
using CloudNative.CloudEvents.Http;
using CloudNative.CloudEvents.SystemTextJson;

namespace Dashboard.IntegrationTests.Ingestion;

/// <summary>Events made by the CloudEvents SDK's own HttpClient binding are accepted as they are.</summary>
public sealed class SdkInteropTests(IngestionFixture fixture) : IClassFixture<IngestionFixture>
{
    private static readonly JsonEventFormatter Formatter = new();

    [Theory]
    [InlineData(ContentMode.Binary)]
    [InlineData(ContentMode.Structured)]
    public async Task PostHook_EventFromSdkToHttpContent_Returns202AndStoresIt(ContentMode mode)
    {
        var cloudEvent = Event($"sdk-{mode}");
        using var client = fixture.Client();

        using var response = await client.PostAsync("/hooks/open", cloudEvent.ToHttpContent(mode, Formatter));

        Assert.True(response.StatusCode == HttpStatusCode.Accepted, $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        Assert.Equal(1, fixture.StoredEvents(cloudEvent.Id!));
        Assert.Equal("""{"orderId":"A-1","qty":2}""", StoredData(cloudEvent.Id!));
    }

    [Fact]
    public async Task PostHook_BatchFromSdkToHttpContent_Returns202ForEveryEvent()
    {
        CloudEvent[] batch = [Event("sdk-batch-1"), Event("sdk-batch-2"), Event("sdk-batch-3")];
        using var client = fixture.Client();

        using var response = await client.PostAsync("/hooks/open", batch.ToHttpContent(Formatter));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.All(batch, e => Assert.Equal(1, fixture.StoredEvents(e.Id!)));
    }

    private static CloudEvent Event(string id)
    {
        var cloudEvent = new CloudEvent
        {
            Id = id,
            Source = new Uri("urn:example:sdk"),
            Type = "com.example.open",
            Subject = "Grüße 100% €",
            Time = DateTimeOffset.UtcNow,
            DataContentType = "application/json",
            Data = JsonDocument.Parse("""{"orderId":"A-1","qty":2}""").RootElement.Clone(),
        };
        cloudEvent["traceparent"] = "00-abc-def-01";
        return cloudEvent;
    }

    private string StoredData(string id)
    {
        using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={fixture.Host.DatabasePath};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT Data FROM events WHERE Id = $id";
        command.Parameters.AddWithValue("$id", id);
        return System.Text.Encoding.UTF8.GetString((byte[])command.ExecuteScalar()!);
    }
}
