using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Dashboard.Web.Model;

/// <summary>JSON shown to people: indented, with characters such as &gt; and &lt; left as they are (never \u003E).</summary>
public static class JsonText
{
    public static readonly JsonSerializerOptions Readable = new()
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>The text pretty-printed when it is JSON; otherwise unchanged.</summary>
    public static string Pretty(string? json)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return "";
        }

        try
        {
            return JsonNode.Parse(json)?.ToJsonString(Readable) ?? json;
        }
        catch (JsonException)
        {
            return json;
        }
    }
}
