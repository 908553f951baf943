using System.Text.Json;
using System.Text.Json.Nodes;
using Dashboard.Runtime.Ingestion;
using Dashboard.Runtime.Workflows.Steps;

namespace Dashboard.Runtime.Workflows.Running;

/// <summary>
/// The response a sync event's run produces: a <c>respond</c> step's status and body, or else the last step's output
/// with 200. It is checked against the definition's response schema; a response that breaks it fails the run.
/// </summary>
internal readonly record struct SyncResponse(int Status, string Body, string? Error)
{
    /// <summary>The status a sync caller gets when the run fails and no step chose one.</summary>
    public const int DefaultFailureStatus = 502;

    public static SyncResponse Of(DefinitionCatalog.Definition definition, string stepType, StepOutcome outcome)
    {
        var (status, body) = stepType == "respond" && outcome.Output is JsonObject respond
            ? (respond["status"]?.GetValue<int>() ?? 200, respond["body"])
            : (200, outcome.Output);
        var text = body?.ToJsonString() ?? "null";
        if (definition.ResponseSchema is not { } schema)
        {
            return new SyncResponse(status, text, null);
        }

        using var document = JsonDocument.Parse(text);
        var result = schema.Validate(document.RootElement);
        if (result.IsValid)
        {
            return new SyncResponse(status, text, null);
        }

        var problems = string.Join("; ", result.Errors.Take(10).Select(e => $"{e.JsonPath}: {e.Message}"));
        return new SyncResponse(DefaultFailureStatus, text, $"the response breaks the response schema: {problems}");
    }
}
