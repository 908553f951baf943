using System.Text;

namespace Dashboard.CloudEventBindings.Tests.Conformance;

/// <summary>A raw HTTP/1.1 request as written in the feature files: request line, headers, blank line, body.</summary>
internal sealed record HttpRequestText(string? ContentType, IReadOnlyList<KeyValuePair<string, string>> Headers, byte[] Body)
{
    public static HttpRequestText Parse(string text)
    {
        var lines = text.Split('\n');
        var headers = new List<KeyValuePair<string, string>>();
        string? contentType = null;
        var i = 1;
        for (; i < lines.Length && lines[i].Trim().Length > 0; i++)
        {
            var colon = lines[i].IndexOf(':');
            var name = lines[i][..colon].Trim();
            var value = lines[i][(colon + 1)..].Trim();
            if (name.Equals("Content-Type", StringComparison.OrdinalIgnoreCase))
            {
                contentType = value;
            }
            else
            {
                headers.Add(new(name, value));
            }
        }

        var body = string.Join("\n", lines.Skip(i + 1));
        return new HttpRequestText(contentType, headers, Encoding.UTF8.GetBytes(body));
    }
}
