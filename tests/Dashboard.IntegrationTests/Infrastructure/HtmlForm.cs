using System.Net;
using System.Text.RegularExpressions;

namespace Dashboard.Testing;

/// <summary>Reads the fields of a server-rendered form so a test can post it back like a browser would.</summary>
public static partial class HtmlForm
{
    [GeneratedRegex(@"<input\b[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex InputTag();

    [GeneratedRegex(@"\b(?<name>[a-zA-Z_:-][\w:.-]*)\s*=\s*""(?<value>[^""]*)""")]
    private static partial Regex Attribute();

    /// <summary>Every input's name and value; <paramref name="idToName"/> maps element ids to field names.</summary>
    public static Dictionary<string, string> Fields(string html, out Dictionary<string, string> idToName)
    {
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        idToName = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (Match input in InputTag().Matches(html))
        {
            var attributes = Attribute().Matches(input.Value)
                .ToDictionary(m => m.Groups["name"].Value.ToLowerInvariant(), m => WebUtility.HtmlDecode(m.Groups["value"].Value));
            if (!attributes.TryGetValue("name", out var name))
            {
                continue;
            }

            fields[name] = attributes.GetValueOrDefault("value", "");
            if (attributes.TryGetValue("id", out var id))
            {
                idToName[id] = name;
            }
        }

        return fields;
    }

    /// <summary>GETs <paramref name="path"/>, fills the inputs by element id and POSTs the form back to the same path.</summary>
    public static async Task<HttpResponseMessage> SubmitAsync(HttpClient client, string path, IReadOnlyDictionary<string, string> valuesById)
    {
        using var page = await client.GetAsync(path);
        if (page.StatusCode != HttpStatusCode.OK)
        {
            throw new InvalidOperationException($"GET {path} answered {(int)page.StatusCode}, expected the form.");
        }

        var fields = Fields(await page.Content.ReadAsStringAsync(), out var idToName);
        if (!fields.ContainsKey("__RequestVerificationToken") || !fields.ContainsKey("_handler"))
        {
            throw new InvalidOperationException($"The form at {path} has no antiforgery token or handler field.");
        }

        foreach (var (id, value) in valuesById)
        {
            fields[idToName.TryGetValue(id, out var name) ? name : throw new InvalidOperationException($"No input #{id} at {path}.")] = value;
        }

        return await client.PostAsync(path, new FormUrlEncodedContent(fields));
    }
}
