using System.Text.Json.Nodes;
using Microsoft.OpenApi;
using Microsoft.OpenApi.Reader;

namespace Dashboard.Web.Features.OpenApi;

/// <summary>The shared schemas of the ingestion contract (results and problem bodies) and the CloudEvent envelope.</summary>
internal static class IngestionSchemas
{
    public const string Problem = "IngestionProblem";
    public const string Event = "IngestedEvent";
    public const string Batch = "IngestedBatch";

    public static void AddComponents(OpenApiDocument document)
    {
        document.Components ??= new OpenApiComponents();
        document.Components.Schemas ??= new Dictionary<string, IOpenApiSchema>();
        document.Components.Schemas[Problem] = Object(
            new()
            {
                ["type"] = Text(), ["title"] = Text(), ["status"] = new OpenApiSchema { Type = JsonSchemaType.Integer },
                ["detail"] = Text(), ["outcome"] = Text("The ledger outcome, e.g. RejectedInvalid, RejectedAuth, Overloaded."),
                ["errors"] = new OpenApiSchema
                {
                    Type = JsonSchemaType.Array,
                    Description = "Each problem with the JSON path or header it concerns (e.g. $.data.orderId, ce-id).",
                    Items = Object(new() { ["path"] = Text(), ["message"] = Text() }, "path", "message"),
                },
            },
            "title", "status");
        document.Components.Schemas[Event] = Object(
            new()
            {
                ["index"] = new OpenApiSchema { Type = JsonSchemaType.Integer }, ["id"] = Text(), ["source"] = Text(),
                ["status"] = new OpenApiSchema { Type = JsonSchemaType.String, Enum = [JsonValue.Create("accepted"), JsonValue.Create("duplicate")] },
                ["duplicate"] = new OpenApiSchema { Type = JsonSchemaType.Boolean },
                ["seq"] = new OpenApiSchema { Type = JsonSchemaType.Integer | JsonSchemaType.Null },
                ["workflows"] = new OpenApiSchema { Type = JsonSchemaType.Array, Items = Text() },
            },
            "id", "source", "status", "duplicate");
        document.Components.Schemas[Batch] = Object(
            new()
            {
                ["status"] = Text(), ["accepted"] = new OpenApiSchema { Type = JsonSchemaType.Integer },
                ["duplicates"] = new OpenApiSchema { Type = JsonSchemaType.Integer },
                ["results"] = new OpenApiSchema { Type = JsonSchemaType.Array, Items = new OpenApiSchemaReference(Event, document) },
            },
            "status", "results");
    }

    /// <summary>A structured-mode CloudEvent whose <c>data</c> is <paramref name="data"/>, and whose type is fixed when the definition names one.</summary>
    public static OpenApiSchema CloudEvent(IOpenApiSchema data, string? type) => Object(
        new()
        {
            ["specversion"] = new OpenApiSchema { Type = JsonSchemaType.String, Const = "1.0" },
            ["id"] = Text("Unique per source; a repeat is answered as a duplicate."),
            ["source"] = new OpenApiSchema { Type = JsonSchemaType.String, Format = "uri-reference" },
            ["type"] = type is null ? Text() : new OpenApiSchema { Type = JsonSchemaType.String, Const = type },
            ["subject"] = Text(),
            ["time"] = new OpenApiSchema { Type = JsonSchemaType.String, Format = "date-time" },
            ["datacontenttype"] = Text(),
            ["dataschema"] = new OpenApiSchema { Type = JsonSchemaType.String, Format = "uri" },
            ["data"] = data,
            ["data_base64"] = Text("Binary data, base64-encoded (instead of data)."),
        },
        "specversion", "id", "source", "type");

    /// <summary>The definition's JSON Schema for <c>data</c> as an OpenAPI 3.1 schema; any JSON when it has none or it cannot be read.</summary>
    public static IOpenApiSchema Data(string? schemaText, OpenApiDocument document)
    {
        if (string.IsNullOrWhiteSpace(schemaText) || JsonNode.Parse(schemaText) is not { } node)
        {
            return new OpenApiSchema { Description = "Any JSON: the definition has no data schema." };
        }

        var schema = new OpenApiJsonReader().ReadFragment<OpenApiSchema>(node, OpenApiSpecVersion.OpenApi3_1, document, out var diagnostic);
        return schema is not null && diagnostic.Errors.Count == 0
            ? schema
            : new OpenApiSchema { Description = "The definition's data schema could not be expressed in OpenAPI; it is enforced at ingestion." };
    }

    private static OpenApiSchema Object(Dictionary<string, IOpenApiSchema> properties, params string[] required) => new()
    {
        Type = JsonSchemaType.Object,
        Properties = properties,
        Required = new HashSet<string>(required, StringComparer.Ordinal),
    };

    private static OpenApiSchema Text(string? description = null) => new() { Type = JsonSchemaType.String, Description = description };
}
