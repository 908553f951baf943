using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Dashboard.CloudEvents;

/// <summary>The CloudEvents JSON event format: parse and write single events and batches as UTF-8 JSON.</summary>
public static class CloudEventJsonFormat
{
    /// <summary>The media type of a single event in the JSON format.</summary>
    public const string MediaType = "application/cloudevents+json";

    /// <summary>The media type of a batch in the JSON format.</summary>
    public const string BatchMediaType = "application/cloudevents-batch+json";

    private static readonly JsonWriterOptions _writerOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Parses one event. Never throws for bad input: the result lists every error with its JSON path.</summary>
    public static CloudEventParseResult Parse(ReadOnlyMemory<byte> utf8Json, CloudEventReaderOptions? options = null)
    {
        var parser = JsonEventParser.Rent(options);
        try
        {
            return parser.ParseEvent(utf8Json);
        }
        finally
        {
            parser.Return();
        }
    }

    /// <summary>Parses a batch (a JSON array of events). Errors name the index, e.g. <c>$[3].id</c>.</summary>
    public static CloudEventBatchParseResult ParseBatch(ReadOnlyMemory<byte> utf8Json, CloudEventReaderOptions? options = null)
    {
        var parser = JsonEventParser.Rent(options);
        try
        {
            return parser.ParseBatch(utf8Json);
        }
        finally
        {
            parser.Return();
        }
    }

    /// <summary>Writes one event as a JSON object. Throws <see cref="ArgumentException"/> for an extension value of another type.</summary>
    public static void Write(Utf8JsonWriter writer, CloudEvent cloudEvent) => JsonEventWriter.Write(writer, cloudEvent);

    /// <summary>Writes events as a JSON array.</summary>
    public static void WriteBatch(Utf8JsonWriter writer, IEnumerable<CloudEvent> events)
    {
        writer.WriteStartArray();
        foreach (var cloudEvent in events)
        {
            JsonEventWriter.Write(writer, cloudEvent);
        }

        writer.WriteEndArray();
    }

    public static void Write(IBufferWriter<byte> output, CloudEvent cloudEvent)
    {
        using var writer = new Utf8JsonWriter(output, _writerOptions);
        Write(writer, cloudEvent);
    }

    public static void WriteBatch(IBufferWriter<byte> output, IEnumerable<CloudEvent> events)
    {
        using var writer = new Utf8JsonWriter(output, _writerOptions);
        WriteBatch(writer, events);
    }

    public static byte[] ToUtf8Bytes(CloudEvent cloudEvent)
    {
        var buffer = new ArrayBufferWriter<byte>(512);
        Write(buffer, cloudEvent);
        return buffer.WrittenSpan.ToArray();
    }

    public static byte[] ToUtf8Bytes(IEnumerable<CloudEvent> events)
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        WriteBatch(buffer, events);
        return buffer.WrittenSpan.ToArray();
    }
}
