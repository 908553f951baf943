using System.Buffers;
using System.Collections.ObjectModel;
using System.Text;
using System.Text.Json;

namespace Dashboard.CloudEvents.Tests.Json;

public sealed class CloudEventJsonFormatWriteTests
{
    public static TheoryData<string> Events => new() { "full", "binary", "text", "minimal" };

    [Theory]
    [MemberData(nameof(Events))]
    public void Write_ThenParse_ReturnsAnEqualEvent(string name)
    {
        var original = Create(name);

        var result = CloudEventJsonFormat.Parse(CloudEventJsonFormat.ToUtf8Bytes(original));

        Assert.True(result.IsValid, string.Join("; ", result.Errors));
        Assert.Equal(original, result.Event);
    }

    [Fact]
    public void WriteBatch_ThenParseBatch_ReturnsEqualEvents()
    {
        CloudEvent[] events = [SampleEvents.Full(), SampleEvents.Binary(), SampleEvents.Minimal()];
        var buffer = new ArrayBufferWriter<byte>();

        CloudEventJsonFormat.WriteBatch(buffer, events);
        var result = CloudEventJsonFormat.ParseBatch(buffer.WrittenMemory);

        Assert.True(result.IsValid);
        Assert.Equal(events, result.Events);
    }

    [Fact]
    public void Write_BinaryData_UsesDataBase64AndJsonDataUsesData()
    {
        using var binary = JsonDocument.Parse(CloudEventJsonFormat.ToUtf8Bytes(SampleEvents.Binary()));
        using var json = JsonDocument.Parse(CloudEventJsonFormat.ToUtf8Bytes(SampleEvents.Full()));

        Assert.Equal("AAEC+v8=", binary.RootElement.GetProperty("data_base64").GetString());
        Assert.Equal(42, json.RootElement.GetProperty("data").GetProperty("orderId").GetInt32());
        Assert.Equal("2024-05-06T07:08:09.1234567-05:00", json.RootElement.GetProperty("time").GetString());
    }

    [Fact]
    public void Write_ToUtf8JsonWriter_WritesOneObject()
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            CloudEventJsonFormat.Write(writer, SampleEvents.Minimal());
        }

        Assert.Equal("{\"specversion\":\"1.0\",\"id\":\"m-1\",\"source\":\"/s\",\"type\":\"t\"}", Encoding.UTF8.GetString(buffer.WrittenSpan));
    }

    [Fact]
    public void Write_ExtensionOfUnsupportedType_Throws()
    {
        var cloudEvent = new CloudEvent
        {
            Id = "1", Source = "/s", Type = "t",
            Extensions = new ReadOnlyDictionary<string, object>(new Dictionary<string, object> { ["ext"] = 1.5 }),
        };

        Assert.Throws<ArgumentException>(() => CloudEventJsonFormat.ToUtf8Bytes(cloudEvent));
        Assert.Single(cloudEvent.Validate());
    }

    [Fact]
    public void Validate_ValidEvent_ReturnsNoErrors()
    {
        Assert.Empty(SampleEvents.Full().Validate());
    }

    private static CloudEvent Create(string name) => name switch
    {
        "full" => SampleEvents.Full(),
        "binary" => SampleEvents.Binary(),
        "text" => SampleEvents.Text(),
        _ => SampleEvents.Minimal(),
    };
}
