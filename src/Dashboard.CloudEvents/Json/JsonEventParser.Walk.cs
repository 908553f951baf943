using System.Text.Json;

namespace Dashboard.CloudEvents;

internal sealed partial class JsonEventParser
{
    /// <summary>Reads past the value at the reader, checking names for duplicates and strings for bad UTF-8.</summary>
    private void WalkValue(ref Utf8JsonReader reader)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.StartObject:
                var objectId = _names.NewObject();
                while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    TryReadName(ref reader, objectId, out _);
                    reader.Read();
                    WalkValue(ref reader);
                    _path.Pop();
                }

                break;
            case JsonTokenType.StartArray:
                var index = 0;
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    _path.PushIndex(index++);
                    WalkValue(ref reader);
                    _path.Pop();
                }

                break;
            case JsonTokenType.String:
                CheckString(ref reader);
                break;
        }
    }

    /// <summary>
    /// Pushes the property name at the reader onto the path and records it in its object. Returns false (after
    /// reporting) when the name is not valid text or repeats a name of the same object.
    /// </summary>
    private bool TryReadName(ref Utf8JsonReader reader, int objectId, out NameRef name)
    {
        var raw = reader.ValueSpan;
        if (JsonStrings.Check(raw, reader.ValueIsEscaped) is { } problem)
        {
            name = default;
            _path.PushInvalidName();
            Errors.Add(_path.ToString(), "property name has " + problem);
            return false;
        }

        name = reader.ValueIsEscaped
            ? _store.CommitScratch(reader.CopyString(_store.GetScratch(raw.Length)))
            : new NameRef(InScratch: false, (int)reader.TokenStartIndex + 1, raw.Length);
        _path.PushName(name);
        if (!_names.Add(objectId, name))
        {
            Errors.Add(_path.ToString(), "duplicate property name");
            return false;
        }

        return true;
    }

    private bool CheckString(ref Utf8JsonReader reader)
    {
        if (JsonStrings.Check(reader.ValueSpan, reader.ValueIsEscaped) is { } problem)
        {
            Errors.Add(_path.ToString(), "string has " + problem);
            return false;
        }

        return true;
    }
}
