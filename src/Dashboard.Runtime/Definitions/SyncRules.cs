using System.Text.Json;
using System.Text.Json.Nodes;
using Dashboard.Data.Entities;
using Dashboard.Runtime.Common;

namespace Dashboard.Runtime.Definitions;

/// <summary>
/// Field checks of the sync settings: mode (HTTP only, exactly one workflow), the response schema, the timeout, and the
/// 400 body template. Field names are the API's: <c>mode</c>, <c>responseSchema</c>, <c>timeoutSeconds</c>, <c>validationErrorBody</c>.
/// </summary>
internal static class SyncRules
{
    public const int MaxTemplateLength = 16 * 1024;

    public static void Check(List<FieldError> errors, EventDefinitionModel model, int maxSyncTimeoutSeconds)
    {
        if (model.Mode == EventMode.Sync)
        {
            if (model.SourceKind != EventSourceKind.Http)
            {
                errors.Add(new("mode", "Only HTTP events can be sync: other sources have no caller waiting for an answer."));
            }

            if (model.WorkflowNames.Count != 1)
            {
                errors.Add(new("workflowNames", $"A sync event is answered by exactly one workflow; {model.WorkflowNames.Count} are bound."));
            }
        }

        if (model.SyncTimeoutSeconds < 1 || model.SyncTimeoutSeconds > maxSyncTimeoutSeconds)
        {
            errors.Add(new("timeoutSeconds", $"Between 1 and {maxSyncTimeoutSeconds} seconds (Ingestion:MaxSyncTimeoutSeconds)."));
        }

        DefinitionRules.CheckSchema(errors, model.ResponseSchema, "responseSchema");
        CheckErrorBody(errors, model.ValidationErrorBody);
    }

    private static void CheckErrorBody(List<FieldError> errors, string? template)
    {
        if (string.IsNullOrWhiteSpace(template))
        {
            return;
        }

        if (template.Length > MaxTemplateLength)
        {
            errors.Add(new("validationErrorBody", $"At most {MaxTemplateLength / 1024} KiB."));
            return;
        }

        try
        {
            if (JsonNode.Parse(template) is not JsonObject)
            {
                errors.Add(new("validationErrorBody", "Must be a JSON object (its string values \"$errors\", \"$detail\", \"$title\" and \"$status\" are filled in)."));
            }
        }
        catch (JsonException ex)
        {
            errors.Add(new("validationErrorBody", $"Not valid JSON: {ex.Message}"));
        }
    }
}
