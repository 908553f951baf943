using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Dashboard.Data.Events;
using Dashboard.Web.Features.Firing;

namespace Dashboard.Tests.Firing;

public sealed class ManualEventsTests
{
    [Fact]
    public void Template_WithSchema_ManualSourceTypeFilterAndExampleData()
    {
        var json = JsonNode.Parse(ManualEvents.Template("orders.created", "com.example.order", """{"type":"object","required":["n"],"properties":{"n":{"type":"integer","minimum":3}}}""", "id-1"))!;

        Assert.Equal("1.0", json["specversion"]!.GetValue<string>());
        Assert.Equal("id-1", json["id"]!.GetValue<string>());
        Assert.Equal(ManualEvents.Source, json["source"]!.GetValue<string>());
        Assert.Equal("com.example.order", json["type"]!.GetValue<string>());
        Assert.True(json["data"]!["n"]!.GetValue<int>() >= 3);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("{ not json")]
    public void ExampleData_NoOrBadSchema_EmptyObject(string? schema) => Assert.Equal("{}", ManualEvents.ExampleData(schema));

    [Fact]
    public void TypeFor_NoTypeFilter_UsesKey() => Assert.Equal("orders.created", ManualEvents.TypeFor("orders.created", " "));

    [Fact]
    public void FromApiBody_DataOnly_WrappedIntoNewEvent()
    {
        using var body = JsonDocument.Parse("""{"data":{"a":1}}""");

        var json = JsonNode.Parse(ManualEvents.FromApiBody(body.RootElement, "k", null, "new-id")!)!;

        Assert.Equal("new-id", json["id"]!.GetValue<string>());
        Assert.Equal("k", json["type"]!.GetValue<string>());
        Assert.Equal("""{"a":1}""", json["data"]!.ToJsonString());
    }

    [Fact]
    public void FromApiBody_WholeCloudEvent_SentAsIs()
    {
        const string Event = """{"specversion":"1.0","id":"x","source":"/s","type":"t"}""";
        using var body = JsonDocument.Parse(Event);

        Assert.Equal(Event, Encoding.UTF8.GetString(ManualEvents.FromApiBody(body.RootElement, "k", null, "new-id")!));
    }

    [Theory]
    [InlineData("""{"orderId":"1"}""")]
    [InlineData("[1]")]
    public void FromApiBody_NeitherEventNorData_Null(string text)
    {
        using var body = JsonDocument.Parse(text);

        Assert.Null(ManualEvents.FromApiBody(body.RootElement, "k", null, "id"));
    }

    [Fact]
    public void Again_StoredJsonEvent_SameSourceTypeSubjectAndDataUnderNewId()
    {
        var stored = new StoredEventView(7, "old", "/shop", "order", "subj", null, "application/json", null, null,
            Encoding.UTF8.GetBytes("""{"q":2}"""), true, 1, "orders", "Structured", null, null, DateTimeOffset.UnixEpoch);

        var json = JsonNode.Parse(ManualEvents.Again(stored, "new"))!;

        Assert.Equal("new", json["id"]!.GetValue<string>());
        Assert.Equal("/shop", json["source"]!.GetValue<string>());
        Assert.Equal("subj", json["subject"]!.GetValue<string>());
        Assert.Equal("""{"q":2}""", json["data"]!.ToJsonString());
    }

    [Fact]
    public void Again_BinaryData_Base64()
    {
        var stored = new StoredEventView(7, "old", "/shop", "order", null, null, "application/octet-stream", null, null,
            [1, 2, 3], false, 1, "orders", "Binary", null, null, DateTimeOffset.UnixEpoch);

        var json = JsonNode.Parse(ManualEvents.Again(stored, "new"))!;

        Assert.Equal("AQID", json["data_base64"]!.GetValue<string>());
        Assert.Null(json["data"]);
    }
}
