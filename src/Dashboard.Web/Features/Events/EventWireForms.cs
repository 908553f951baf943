using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using CloudNative.CloudEvents;
using Dashboard.Data.Events;

namespace Dashboard.Web.Features.Events;

/// <summary>A stored event as text: pretty payload, structured and binary HTTP forms, and a curl command that resends it.</summary>
public sealed partial record EventWireForms(string Payload, string Structured, string Binary, string Curl)
{
    private static readonly JsonWriterOptions Pretty = new() { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static EventWireForms Build(StoredEventView stored, string baseUri, string? route)
    {
        var cloudEvent = ToCloudEvent(stored);
        var structured = Http(cloudEvent, ContentMode.Structured);
        var binary = Http(cloudEvent, ContentMode.Binary);
        var structuredText = PrettyJson(structured.Body) ?? Encoding.UTF8.GetString(structured.Body);
        var binaryText = new StringBuilder();
        if (binary.ContentType is not null)
        {
            binaryText.Append("Content-Type: ").AppendLine(binary.ContentType);
        }

        foreach (var header in binary.Headers)
        {
            binaryText.Append(header.Key).Append(": ").AppendLine(header.Value);
        }

        binaryText.AppendLine().Append(BodyText(binary.Body, stored.DataIsJson));
        var target = route is { Length: > 0 } && route.StartsWith("/hooks/", StringComparison.Ordinal) ? route : "/events";
        var curl = $"curl -X POST {ShellQuote(baseUri.TrimEnd('/') + target)} \\\n  -H 'Authorization: Bearer <token>' \\\n  -H {ShellQuote("Content-Type: " + structured.ContentType)} \\\n  --data-binary {ShellQuote(Encoding.UTF8.GetString(structured.Body))}";
        return new EventWireForms(PayloadText(stored), structuredText, binaryText.ToString(), curl);
    }

    public static string PayloadText(StoredEventView stored)
    {
        if (stored.Data is null)
        {
            return "(no data)";
        }

        return stored.DataIsJson ? PrettyJson(stored.Data) ?? Encoding.UTF8.GetString(stored.Data) : BodyText(stored.Data, false);
    }

    /// <summary>Single-quotes a value for POSIX shells.</summary>
    public static string ShellQuote(string value) => "'" + value.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    private static string? PrettyJson(ReadOnlySpan<byte> json)
    {
        try
        {
            using var document = JsonDocument.Parse(json.ToArray());
            using var buffer = new MemoryStream();
            using (var writer = new Utf8JsonWriter(buffer, Pretty))
            {
                document.WriteTo(writer);
            }

            return Encoding.UTF8.GetString(buffer.ToArray());
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string BodyText(ReadOnlySpan<byte> body, bool isJson)
    {
        if (isJson)
        {
            return PrettyJson(body) ?? Encoding.UTF8.GetString(body);
        }

        var text = Encoding.UTF8.GetString(body);
        return text.Contains('\uFFFD', StringComparison.Ordinal) || text.Any(c => char.IsControl(c) && c is not ('\n' or '\r' or '\t'))
            ? $"(binary, {body.Length} bytes, base64)\n{Convert.ToBase64String(body)}"
            : text;
    }
}
