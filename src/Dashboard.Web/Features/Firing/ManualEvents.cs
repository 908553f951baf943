using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Dashboard.Data.Events;
using Dashboard.JsonSchema;

namespace Dashboard.Web.Features.Firing;

/// <summary>Builds the CloudEvents a user fires by hand: the editor's prefilled example, an API body, or a repeat of a stored event.</summary>
public static class ManualEvents
{
    public const string Source = "/dashboard/manual";

    private static readonly JsonSerializerOptions _indented = new() { WriteIndented = true };

    /// <summary>The CloudEvents type a manual event of a definition carries: its type filter, else its key.</summary>
    public static string TypeFor(string key, string? typeFilter) => string.IsNullOrWhiteSpace(typeFilter) ? key : typeFilter.Trim();

    /// <summary>An example instance of the schema, or <c>{}</c> when there is no schema or no example can be built from it.</summary>
    public static string ExampleData(string? schemaText)
    {
        if (string.IsNullOrWhiteSpace(schemaText))
        {
            return "{}";
        }

        try
        {
            return JsonSchemaExample.Generate(schemaText);
        }
        catch (JsonSchemaCompileException)
        {
            return "{}";
        }
    }

    /// <summary>The editor's starting text: a structured-mode CloudEvent with a new id and example data, indented.</summary>
    public static string Template(string key, string? typeFilter, string? schemaText, string id) =>
        Envelope(id, Source, TypeFor(key, typeFilter), null, JsonNode.Parse(ExampleData(schemaText))).ToJsonString(_indented);

    /// <summary>
    /// The API body as a CloudEvent: a body with <c>specversion</c> is sent as it is; <c>{ "data": ... }</c> is wrapped
    /// into a new event. Returns null for anything else.
    /// </summary>
    public static byte[]? FromApiBody(JsonElement body, string key, string? typeFilter, string id)
    {
        if (body.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        if (body.TryGetProperty("specversion", out _))
        {
            return Encoding.UTF8.GetBytes(body.GetRawText());
        }

        return body.TryGetProperty("data", out var data)
            ? Encoding.UTF8.GetBytes(Envelope(id, Source, TypeFor(key, typeFilter), null, JsonNode.Parse(data.GetRawText())).ToJsonString())
            : null;
    }

    /// <summary>A repeat of a stored event: the same source, type, subject and data under a new id.</summary>
    public static byte[] Again(StoredEventView stored, string id)
    {
        var envelope = Envelope(id, stored.Source, stored.Type, stored.Subject, null, stored.DataContentType);
        if (stored.Data is { } bytes)
        {
            if (stored.DataIsJson)
            {
                envelope["data"] = JsonNode.Parse(bytes);
            }
            else
            {
                envelope["data_base64"] = Convert.ToBase64String(bytes);
            }
        }

        return Encoding.UTF8.GetBytes(envelope.ToJsonString());
    }

    private static JsonObject Envelope(string id, string source, string type, string? subject, JsonNode? data, string? contentType = "application/json")
    {
        var envelope = new JsonObject
        {
            ["specversion"] = "1.0",
            ["id"] = id,
            ["source"] = source,
            ["type"] = type,
        };
        if (subject is not null)
        {
            envelope["subject"] = subject;
        }

        if (contentType is not null)
        {
            envelope["datacontenttype"] = contentType;
        }

        if (data is not null)
        {
            envelope["data"] = data;
        }

        return envelope;
    }
}
