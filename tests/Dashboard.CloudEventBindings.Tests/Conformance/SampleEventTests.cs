using CloudNative.CloudEvents;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Dashboard.CloudEventBindings.Tests.Conformance;

/// <summary>Sends each sample event of v1-events.yaml over HTTP in its mode and checks what the decoder yields.</summary>
public sealed class SampleEventTests
{
    private const string FileName = "v1-events.yaml";

    public static TheoryData<int> Samples
    {
        get
        {
            var data = new TheoryData<int>();
            var count = ConformanceData.Directory is null ? 1 : SampleYaml.ReadDocuments(ConformanceData.PathOf(FileName)).Count;
            for (var i = 0; i < count; i++)
            {
                data.Add(i);
            }

            return data;
        }
    }

    [ConformanceTheory]
    [MemberData(nameof(Samples))]
    public void Decode_SampleEventInItsMode_YieldsTheSampleAttributes(int index)
    {
        var sample = SampleYaml.ReadDocuments(ConformanceData.PathOf(FileName))[index];
        var mode = (string)SampleYaml.Get(sample, "Mode");
        var expected = ToEvent(sample, dataContentType: mode == "binary" ? "application/json" : null);
        var transport = (List<KeyValuePair<string, object>>)SampleYaml.Get(sample, "TransportExtensions");
        var message = mode == "binary" ? SdkEvents.Http(expected, ContentMode.Binary) : Structured(sample);
        var headers = message.Headers.Concat(transport.Select(p => KeyValuePair.Create(p.Key, (string)p.Value))).ToArray();

        var result = CloudEventHttpDecoder.Decode(message.ContentType, headers, message.Body);

        Assert.True(result.IsValid, string.Join("; ", result.Errors));
        Assert.Equal(mode == "binary" ? ContentMode.Binary : ContentMode.Structured, result.Mode);
        var actual = Assert.Single(result.Events);
        Assert.Equal(Extensions(expected), Extensions(actual));
        Assert.True(JsonNode.DeepEquals(SdkEvents.DataJson(expected), SdkEvents.DataJson(actual)));
        Assert.Equal(expected.Id, actual.Id);
        Assert.Equal(expected.Time, actual.Time);
    }

    private static CloudEvent ToEvent(List<KeyValuePair<string, object>> sample, string? dataContentType)
    {
        var attributes = (List<KeyValuePair<string, object>>)SampleYaml.Get(sample, "ContextAttributes");
        var cloudEvent = SdkEvents.New((string)SampleYaml.Get(attributes, "id"), (string)SampleYaml.Get(attributes, "source"), (string)SampleYaml.Get(attributes, "type"));
        cloudEvent.Time = DateTimeOffset.Parse((string)SampleYaml.Get(attributes, "time"), System.Globalization.CultureInfo.InvariantCulture);
        cloudEvent.DataContentType = dataContentType;
        foreach (var (key, value) in (List<KeyValuePair<string, object>>)SampleYaml.Get(attributes, "Extensions"))
        {
            // A YAML literal block ends with a newline, a control character no CloudEvents string may hold.
            cloudEvent[key] = ((string)value).TrimEnd('\n');
        }

        cloudEvent.Data = JsonDocument.Parse(((string)SampleYaml.Get(sample, "Data")).Trim()).RootElement.Clone();
        return cloudEvent;
    }

    private static Dictionary<string, string> Extensions(CloudEvent cloudEvent) => cloudEvent.GetPopulatedAttributes()
        .Where(a => a.Key.IsExtension).ToDictionary(a => a.Key.Name, a => a.Key.Format(a.Value));

    private static CloudEventMessage Structured(List<KeyValuePair<string, object>> sample)
    {
        var json = new JsonObject();
        foreach (var (key, value) in (List<KeyValuePair<string, object>>)SampleYaml.Get(sample, "ContextAttributes"))
        {
            if (value is List<KeyValuePair<string, object>> extensions)
            {
                foreach (var (name, text) in extensions)
                {
                    json[name] = ((string)text).TrimEnd('\n');
                }
            }
            else
            {
                json[key] = (string)value;
            }
        }

        json["data"] = JsonNode.Parse((string)SampleYaml.Get(sample, "Data"));
        return new CloudEventMessage(CloudEventMediaTypes.Structured, [], Encoding.UTF8.GetBytes(json.ToJsonString(new JsonSerializerOptions())));
    }
}
