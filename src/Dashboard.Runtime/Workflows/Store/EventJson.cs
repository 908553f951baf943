using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
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

        var e = new JsonObject
        {
            ["id"] = reader.GetString(first),
            ["source"] = reader.GetString(first + 1),
            ["type"] = reader.GetString(first + 2),
            ["subject"] = reader.IsDBNull(first + 3) ? null : reader.GetString(first + 3),
            ["time"] = reader.IsDBNull(first + 4) ? null : DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(first + 4)).ToString("O"),
            ["datacontenttype"] = reader.IsDBNull(first + 5) ? null : reader.GetString(first + 5),
            ["seq"] = reader.GetInt64(first + 9),
        };
        if (!reader.IsDBNull(first + 6) && JsonNode.Parse(reader.GetString(first + 6)) is JsonObject extensions)
        {
            foreach (var (name, value) in extensions.ToList())
            {
                extensions.Remove(name);
                e.TryAdd(name, value);
            }
        }

        e["data"] = reader.IsDBNull(first + 7) ? null : Data((byte[])reader.GetValue(first + 7), reader.GetInt64(first + 8) != 0);
        return e;
    }

    private static JsonNode? Data(byte[] bytes, bool isJson)
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
