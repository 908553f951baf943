using System.Buffers.Text;
using System.Text;
using System.Text.Json;

namespace Dashboard.CloudEvents;

internal sealed partial class JsonEventParser
{
    private void ReadAttribute(ref Utf8JsonReader reader, ReadOnlySpan<byte> name)
    {
        if (name.SequenceEqual("data"u8))
        {
            ReadData(ref reader);
        }
        else if (name.SequenceEqual("data_base64"u8))
        {
            ReadDataBase64(ref reader);
        }
        else if (name.SequenceEqual("specversion"u8))
        {
            Builder.SpecVersion = ReadString(ref reader, "specversion");
        }
        else if (name.SequenceEqual("id"u8))
        {
            Builder.Id = ReadString(ref reader, "id");
        }
        else if (name.SequenceEqual("source"u8))
        {
            Builder.Source = ReadString(ref reader, "source");
        }
        else if (name.SequenceEqual("type"u8))
        {
            Builder.Type = ReadString(ref reader, "type");
        }
        else if (name.SequenceEqual("time"u8))
        {
            Builder.Time = ReadString(ref reader, "time");
        }
        else if (name.SequenceEqual("subject"u8))
        {
            Builder.Subject = ReadString(ref reader, "subject");
        }
        else if (name.SequenceEqual("datacontenttype"u8))
        {
            Builder.DataContentType = ReadString(ref reader, "datacontenttype");
        }
        else if (name.SequenceEqual("dataschema"u8))
        {
            Builder.DataSchema = ReadString(ref reader, "dataschema");
        }
        else
        {
            ReadExtension(ref reader, name);
        }
    }

    /// <summary>Reads a string attribute; null means absent. A wrong type is reported and marks the attribute rejected.</summary>
    private string? ReadString(ref Utf8JsonReader reader, string attribute)
    {
        if (reader.TokenType == JsonTokenType.String && CheckString(ref reader))
        {
            return reader.GetString();
        }

        if (reader.TokenType != JsonTokenType.Null)
        {
            if (reader.TokenType != JsonTokenType.String)
            {
                Errors.Add(_path.ToString(), $"must be a string, not {Describe(reader.TokenType)}");
                WalkValue(ref reader);
            }

            Builder.Rejected.Add(attribute);
        }

        return null;
    }

    private void ReadData(ref Utf8JsonReader reader)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return;
        }

        var start = (int)reader.TokenStartIndex;
        WalkValue(ref reader);
        var json = _store.Input.Slice(start, (int)reader.BytesConsumed - start).ToArray();
        Builder.HasBothDataMembers |= Builder.Data is { IsJson: false };
        Builder.Data = CloudEventData.FromJson(json);
    }

    private void ReadDataBase64(ref Utf8JsonReader reader)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return;
        }

        if (reader.TokenType != JsonTokenType.String)
        {
            Errors.Add(_path.ToString(), $"must be a base64 string, not {Describe(reader.TokenType)}");
            WalkValue(ref reader);
            return;
        }

        if (!CheckString(ref reader))
        {
            return;
        }

        ReadOnlySpan<byte> text = reader.ValueSpan;
        if (reader.ValueIsEscaped)
        {
            var scratch = _store.GetScratch(text.Length);
            text = scratch[..reader.CopyString(scratch)];
        }

        var padding = text.EndsWith("=="u8) ? 2 : text.EndsWith("="u8) ? 1 : 0;
        var bytes = new byte[Math.Max(0, (text.Length / 4 * 3) - padding)];
        if (text.Length % 4 != 0 || Base64.DecodeFromUtf8(text, bytes, out _, out var written) != System.Buffers.OperationStatus.Done || written != bytes.Length)
        {
            Errors.Add(_path.ToString(), "must be valid base64");
            return;
        }

        Builder.HasBothDataMembers |= Builder.Data is { IsJson: true };
        Builder.Data = CloudEventData.FromBytes(bytes);
    }
}
