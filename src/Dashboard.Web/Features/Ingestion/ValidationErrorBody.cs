using System.Text.Json.Nodes;
using Dashboard.Runtime.Ingestion;

namespace Dashboard.Web.Features.Ingestion;

/// <summary>
/// A definition's own 400 body for data-schema failures: its JSON template with every string value that is exactly
/// <c>"$errors"</c> (the list of <c>{path, message}</c>), <c>"$detail"</c>, <c>"$title"</c> or <c>"$status"</c> filled in.
/// </summary>
internal static class ValidationErrorBody
{
    public static IResult? Render(IngestionResult result)
    {
        if (result.ErrorBodyTemplate is not { } template || result.Status != 400 || JsonNode.Parse(template) is not JsonObject body)
        {
            return null;
        }

        return TypedResults.Content(Fill(body, result)!.ToJsonString(), "application/json; charset=utf-8", statusCode: 400);
    }

    private static JsonNode? Fill(JsonNode? node, IngestionResult result) => node switch
    {
        JsonObject obj => new JsonObject(obj.Select(p => KeyValuePair.Create(p.Key, Fill(p.Value, result)))),
        JsonArray array => new JsonArray([.. array.Select(item => Fill(item, result))]),
        JsonValue value when value.TryGetValue<string>(out var text) => text switch
        {
            "$errors" => new JsonArray([.. result.Errors.Select(e => (JsonNode?)new JsonObject { ["path"] = e.Path, ["message"] = e.Message })]),
            "$detail" => JsonValue.Create(result.Detail),
            "$title" => JsonValue.Create(result.Title),
            "$status" => JsonValue.Create(result.Status),
            _ => JsonValue.Create(text),
        },
        _ => node?.DeepClone(),
    };
}
