using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CloudNative.CloudEvents;
using Dashboard.CloudEventBindings;
using Dashboard.Data.Events;
using Dashboard.JsonSchema;
using Dashboard.Runtime.Events;

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
    public static string Template(string key, string? typeFilter, string? schemaText, string id)
    {
        using var example = JsonDocument.Parse(ExampleData(schemaText));
        return JsonNode.Parse(Encode(NewEvent(id, Source, TypeFor(key, typeFilter), example.RootElement.Clone())).Span)!.ToJsonString(_indented);
    }

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
            ? Encode(NewEvent(id, Source, TypeFor(key, typeFilter), data.Clone())).ToArray()
            : null;
    }

    /// <summary>A repeat of a stored event: the same source, type, subject and data under a new id.</summary>
    public static byte[] Again(StoredEventView stored, string id)
    {
        var cloudEvent = new CloudEvent(CloudEventsSpecVersion.V1_0)
        {
            Id = id,
            Source = new Uri(stored.Source, UriKind.RelativeOrAbsolute),
            Type = stored.Type,
            Subject = stored.Subject,
            DataContentType = stored.DataContentType,
            Data = CloudEventPayload.DataFrom(stored.Data, stored.DataIsJson, stored.DataContentType),
        };
        return Encode(cloudEvent).ToArray();
    }

    /// <summary>A new manual event with JSON data, as an SDK event.</summary>
    private static CloudEvent NewEvent(string id, string source, string type, JsonElement data) => new(CloudEventsSpecVersion.V1_0)
    {
        Id = id,
        Source = new Uri(source, UriKind.RelativeOrAbsolute),
        Type = type,
        DataContentType = "application/json",
        Data = data,
    };

    /// <summary>Structured mode, written by the SDK's JSON event format.</summary>
    private static ReadOnlyMemory<byte> Encode(CloudEvent cloudEvent) => StrictJsonEventFormatter.Default.EncodeStructuredModeMessage(cloudEvent, out _);
}
