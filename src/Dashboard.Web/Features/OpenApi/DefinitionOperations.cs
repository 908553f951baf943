using Dashboard.Data.Entities;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Dashboard.Web.Features.OpenApi;

/// <summary>
/// Adds one operation per enabled HTTP event definition (<c>/hooks/{route}</c>) to the document that ASP.NET Core
/// generates for the admin API, plus the ingestion contract's schemas and the security schemes.
/// </summary>
internal sealed class DefinitionOperations(HttpDefinitionSource definitions) : IOpenApiDocumentTransformer
{
    public const string Tag = "Event definitions";

    public async Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        IngestionSchemas.AddComponents(document);
        IngestionSecurity.AddSchemes(document);
        document.Paths ??= [];
        // The admin API takes an Admin, Operator or Viewer API token (or the dashboard's sign-in cookie).
        foreach (var operation in document.Paths.Values.SelectMany(item => item.Operations?.Values ?? Enumerable.Empty<OpenApiOperation>()))
        {
            operation.Security = [IngestionSecurity.Requirement(IngestionSecurity.Bearer, document)];
        }

        document.Tags ??= new HashSet<OpenApiTag>();
        document.Tags.Add(new OpenApiTag { Name = Tag, Description = "Webhooks: one per enabled HTTP event definition, in binary, structured or batch mode." });
        foreach (var definition in await definitions.GetAsync(cancellationToken))
        {
            var item = new OpenApiPathItem();
            item.AddOperation(new HttpMethod(definition.HttpMethod.ToUpperInvariant()), Operation(definition, document));
            document.Paths[$"/hooks/{definition.Route}"] = item;
        }
    }

    private static OpenApiOperation Operation(HttpDefinitionDoc definition, OpenApiDocument document)
    {
        var data = IngestionSchemas.Data(definition.DataSchema, document);
        var cloudEvent = IngestionSchemas.CloudEvent(data, definition.TypeFilter);
        return new OpenApiOperation
        {
            OperationId = $"ingest-{definition.Key}",
            Summary = $"Send a '{definition.Key}' event",
            Description = string.IsNullOrWhiteSpace(definition.Description) ? null : definition.Description,
            Tags = new HashSet<OpenApiTagReference> { new(Tag, document) },
            Parameters = Headers(definition),
            RequestBody = new OpenApiRequestBody
            {
                Required = true,
                Description = "Structured mode (one CloudEvent), batch mode (an array of them), or binary mode (the data itself, attributes in ce- headers).",
                Content = new Dictionary<string, OpenApiMediaType>
                {
                    ["application/cloudevents+json"] = new() { Schema = cloudEvent },
                    ["application/cloudevents-batch+json"] = new() { Schema = new OpenApiSchema { Type = JsonSchemaType.Array, Items = cloudEvent } },
                    ["application/json"] = new() { Schema = data },
                },
            },
            Responses = IngestionResponses.For(definition, document),
            Security = IngestionSecurity.For(definition.Auth, document),
        };
    }

    /// <summary>The CloudEvents binary-mode headers (required in binary mode only), and the signature headers for HMAC definitions.</summary>
    private static List<IOpenApiParameter> Headers(HttpDefinitionDoc definition)
    {
        var headers = new List<IOpenApiParameter>
        {
            Header("ce-specversion", "Binary mode (required there): the CloudEvents version, 1.0."),
            Header("ce-id", "Binary mode (required there): the event id, unique per source."),
            Header("ce-source", "Binary mode (required there): the event source, a URI reference."),
            Header("ce-type", definition.TypeFilter is null ? "Binary mode (required there): the event type." : $"Binary mode (required there): the event type, {definition.TypeFilter}."),
            Header("ce-subject", "Binary mode: the subject."),
            Header("ce-time", "Binary mode: when the event happened (RFC 3339)."),
        };
        if (definition.Auth == EventAuthMode.Hmac)
        {
            headers.Add(Header("webhook-id", "Standard Webhooks: the message id (signed; accepted once).", required: true));
            headers.Add(Header("webhook-timestamp", "Standard Webhooks: Unix seconds, within 5 minutes of the server's clock.", required: true));
        }

        return headers;
    }

    private static OpenApiParameter Header(string name, string description, bool required = false) => new()
    {
        Name = name, In = ParameterLocation.Header, Required = required, Description = description,
        Schema = new OpenApiSchema { Type = JsonSchemaType.String },
    };
}
