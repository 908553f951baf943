using System.Text.Json;

namespace Dashboard.CloudEvents;

/// <summary>
/// Single-pass reader of the CloudEvents JSON format over <see cref="Utf8JsonReader"/>. One instance per thread is
/// cached and reused, so a parse allocates only the event's own strings, its data copy and the result.
/// </summary>
internal sealed partial class JsonEventParser
{
    [ThreadStatic]
    private static JsonEventParser? t_cached;

    private readonly NameStore _store = new();
    private readonly PropertyNameSet _names;
    private readonly JsonPathStack _path;
    private CloudEventReaderOptions _options = CloudEventReaderOptions.Default;

    private JsonEventParser()
    {
        _names = new PropertyNameSet(_store);
        _path = new JsonPathStack(_store);
    }

    public ErrorCollector Errors { get; } = new();

    public CloudEventBuilder Builder { get; } = new();

    public static JsonEventParser Rent(CloudEventReaderOptions? options)
    {
        var parser = t_cached ?? new JsonEventParser();
        t_cached = null;
        parser._options = options ?? CloudEventReaderOptions.Default;
        return parser;
    }

    public void Return()
    {
        _store.Reset();
        _names.Reset();
        _path.Reset();
        Errors.Clear();
        Builder.Reset();
        t_cached = this;
    }

    public CloudEventParseResult ParseEvent(ReadOnlyMemory<byte> utf8Json)
    {
        CloudEvent? cloudEvent = null;
        var reader = Begin(utf8Json);
        try
        {
            reader.Read();
            if (reader.TokenType == JsonTokenType.StartObject)
            {
                cloudEvent = ReadEvent(ref reader, batchIndex: -1);
            }
            else
            {
                Errors.Add("$", "a CloudEvent must be a JSON object");
                WalkValue(ref reader);
            }

            reader.Read();
        }
        catch (JsonException ex)
        {
            Errors.Add(_path.ToString(), "invalid JSON: " + ex.Message);
        }

        return Errors.Count == 0 ? new CloudEventParseResult(cloudEvent, []) : new CloudEventParseResult(null, Errors.ToArray());
    }

    /// <summary>Checks that <paramref name="utf8Json"/> is one JSON value under the format's rules (depth, names, UTF-8).</summary>
    public void CheckJson(ReadOnlyMemory<byte> utf8Json)
    {
        var reader = Begin(utf8Json);
        try
        {
            reader.Read();
            WalkValue(ref reader);
            reader.Read();
        }
        catch (JsonException ex)
        {
            Errors.Add(_path.ToString(), "invalid JSON: " + ex.Message);
        }
    }

    private Utf8JsonReader Begin(ReadOnlyMemory<byte> utf8Json)
    {
        _store.Input = utf8Json;
        return new Utf8JsonReader(utf8Json.Span, new JsonReaderOptions { MaxDepth = _options.MaxDepth });
    }

    private CloudEvent? ReadEvent(ref Utf8JsonReader reader, int batchIndex)
    {
        var errorsBefore = Errors.Count;
        Builder.Reset();
        var objectId = _names.NewObject();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var valid = TryReadName(ref reader, objectId, out var name);
            reader.Read();
            if (valid)
            {
                ReadAttribute(ref reader, _store.Resolve(name));
            }
            else
            {
                WalkValue(ref reader);
            }

            _path.Pop();
        }

        return Builder.Build(Errors, AttributePaths.Json(batchIndex), errorsBefore);
    }
}
