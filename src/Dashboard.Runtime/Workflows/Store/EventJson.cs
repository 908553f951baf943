using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Dashboard.Data.Events;
using Microsoft.Data.Sqlite;

namespace Dashboard.Runtime.Workflows.Store;

/// <summary>Turns a stored event row into the <c>event</c> object expressions read (extensions at the top level).</summary>
internal static class EventJson
{
    public const string Columns = "e.Id, e.Source, e.Type, e.Subject, e.Time, e.DataContentType, e.Extensions, e.Data, e.DataIsJson, e.Seq";

    /// <summary>Reads the <see cref="Columns"/> starting at <paramref name="first"/>.</summary>
    public static JsonObject? Read(SqliteDataReader reader, int first)
    {
        if (reader.IsDBNull(first))
        {
            return null;
        }

        return Build(
            reader.GetString(first), reader.GetString(first + 1), reader.GetString(first + 2),
            reader.IsDBNull(first + 3) ? null : reader.GetString(first + 3),
            reader.IsDBNull(first + 4) ? null : reader.GetInt64(first + 4),
            reader.IsDBNull(first + 5) ? null : reader.GetString(first + 5),
            reader.IsDBNull(first + 6) ? null : reader.GetString(first + 6),
            reader.IsDBNull(first + 7) ? null : (byte[])reader.GetValue(first + 7),
            reader.GetInt64(first + 8) != 0,
            reader.GetInt64(first + 9));
    }

    /// <summary>The same object from the event as the writer stored it (a run claimed in its event's commit is not loaded).</summary>
    public static JsonObject FromStored(NewEvent e, long seq) => Build(
        e.Id, e.Source, e.Type, e.Subject, e.Time?.ToUnixTimeMilliseconds(), e.DataContentType, e.ExtensionsJson, e.Data, e.DataIsJson, seq);

    private static JsonObject Build(string id, string source, string type, string? subject, long? timeMs, string? dataContentType,
        string? extensionsJson, ReadOnlyMemory<byte>? data, bool dataIsJson, long seq)
    {
        var e = new JsonObject
        {
            ["id"] = id,
            ["source"] = source,
            ["type"] = type,
            ["subject"] = subject,
            ["time"] = timeMs is { } ms ? DateTimeOffset.FromUnixTimeMilliseconds(ms).ToString("O") : null,
            ["datacontenttype"] = dataContentType,
            ["seq"] = seq,
        };
        if (extensionsJson is not null && JsonNode.Parse(extensionsJson) is JsonObject extensions)
        {
            foreach (var (name, value) in extensions.ToList())
            {
                extensions.Remove(name);
                e.TryAdd(name, value);
            }
        }

        e["data"] = data is { } bytes ? Data(bytes.Span, dataIsJson) : null;
        return e;
    }

    private static JsonNode? Data(ReadOnlySpan<byte> bytes, bool isJson)
    {
        if (isJson)
        {
            try
            {
                return JsonNode.Parse(bytes);
            }
            catch (JsonException)
            {
            }
        }

        try
        {
            return JsonValue.Create(new UTF8Encoding(false, true).GetString(bytes));
        }
        catch (DecoderFallbackException)
        {
            return JsonValue.Create(Convert.ToBase64String(bytes));
        }
    }
}
