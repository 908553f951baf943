using Dashboard.Data.Entities;
using Microsoft.OpenApi;

namespace Dashboard.Web.Features.OpenApi;

/// <summary>The ingestion contract's statuses (DESIGN.md, "Ingestion HTTP contract") as OpenAPI responses.</summary>
internal static class IngestionResponses
{
    private static readonly (string Status, string Description)[] Problems =
    [
        ("400", "Malformed CloudEvent or schema failure (each error with its JSON path), or more than one credential."),
        ("401", "Missing or bad token or signature; recorded as activity of the targeted workflows."),
        ("403", "The token may not send this event (read-only, or out of its scope)."),
        ("404", "Unknown route or event type."),
        ("405", "Wrong method on this route; Allow names the right one."),
        ("410", "The definition is disabled."),
        ("413", "Body over the size limit."),
        ("415", "Unsupported Content-Type."),
        ("429", "The store's queue is full or the server is at capacity: retry after Retry-After seconds."),
        ("503", "The store cannot write right now (nothing was half-written): retry after Retry-After seconds."),
    ];

    public static OpenApiResponses For(HttpDefinitionDoc definition, OpenApiDocument document)
    {
        var responses = new OpenApiResponses();
        AddResultResponses(responses, definition, document);
        foreach (var (status, description) in Problems)
        {
            responses[status] = Problem(description, document, retryAfter: status is "429" or "503");
        }

        return responses;
    }

    /// <summary>
    /// What a stored event is answered with. An asynchronous definition answers 202 (one event, or a batch's per-event
    /// list) and 200 for a duplicate. A synchronous one answers with its workflow's response (200 or the status its
    /// respond step chooses, checked against the response schema), 502 when the run failed and 504 with the event id
    /// when the run did not finish in time.
    /// </summary>
    private static void AddResultResponses(OpenApiResponses responses, HttpDefinitionDoc definition, OpenApiDocument document)
    {
        if (definition.Mode == EventMode.Sync)
        {
            responses["200"] = Json("The workflow's response (a respond step may choose another status); a retry of the same event gets the stored response.",
                IngestionSchemas.Data(definition.ResponseSchema, document));
            responses["502"] = Problem("The run failed or its response broke the response schema; detail is the run's error, with eventId, runId and runState.", document, retryAfter: false);
            responses["504"] = Problem("The run did not finish within the definition's timeout; the body names the eventId, and the run goes on.", document, retryAfter: false);
            return;
        }

        responses["202"] = new OpenApiResponse
        {
            Description = "Accepted: durably stored. A batch answers with one result per event.",
            Content = new Dictionary<string, OpenApiMediaType>
            {
                ["application/json"] = new()
                {
                    Schema = new OpenApiSchema
                    {
                        OneOf = [new OpenApiSchemaReference(IngestionSchemas.Event, document), new OpenApiSchemaReference(IngestionSchemas.Batch, document)],
                    },
                },
            },
        };
        responses["200"] = Json("Duplicate: an event with this source and id was already accepted (\"duplicate\": true).",
            new OpenApiSchemaReference(IngestionSchemas.Event, document));
    }

    private static OpenApiResponse Json(string description, IOpenApiSchema schema) => new()
    {
        Description = description,
        Content = new Dictionary<string, OpenApiMediaType> { ["application/json"] = new() { Schema = schema } },
    };

    private static OpenApiResponse Problem(string description, OpenApiDocument document, bool retryAfter) => new()
    {
        Description = description,
        Content = new Dictionary<string, OpenApiMediaType>
        {
            ["application/problem+json"] = new() { Schema = new OpenApiSchemaReference(IngestionSchemas.Problem, document) },
        },
        Headers = retryAfter
            ? new Dictionary<string, IOpenApiHeader>
            {
                ["Retry-After"] = new OpenApiHeader { Description = "Seconds to wait before retrying.", Schema = new OpenApiSchema { Type = JsonSchemaType.Integer } },
            }
            : null,
    };
}
