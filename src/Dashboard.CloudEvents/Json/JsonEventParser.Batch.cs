using System.Text.Json;

namespace Dashboard.CloudEvents;

internal sealed partial class JsonEventParser
{
    public CloudEventBatchParseResult ParseBatch(ReadOnlyMemory<byte> utf8Json)
    {
        var events = new List<CloudEvent>();
        var reader = Begin(utf8Json);
        try
        {
            reader.Read();
            if (reader.TokenType == JsonTokenType.StartArray)
            {
                ReadBatch(ref reader, events);
            }
            else
            {
                Errors.Add("$", "a CloudEvents batch must be a JSON array");
                WalkValue(ref reader);
            }

            reader.Read();
        }
        catch (JsonException ex)
        {
            Errors.Add(_path.ToString(), "invalid JSON: " + ex.Message);
        }

        return new CloudEventBatchParseResult(events.ToArray(), Errors.ToArray());
    }

    private void ReadBatch(ref Utf8JsonReader reader, List<CloudEvent> events)
    {
        var index = 0;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            _path.PushIndex(index);
            if (reader.TokenType == JsonTokenType.StartObject)
            {
                if (ReadEvent(ref reader, index) is { } cloudEvent)
                {
                    events.Add(cloudEvent);
                }
            }
            else
            {
                Errors.Add(_path.ToString(), "a CloudEvent must be a JSON object");
                WalkValue(ref reader);
            }

            _path.Pop();
            index++;
        }
    }
}
