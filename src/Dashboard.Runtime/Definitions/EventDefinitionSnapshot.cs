using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Dashboard.Data.Entities;

namespace Dashboard.Runtime.Definitions;

/// <summary>
/// The JSON an event definition version stores: every setting and the bound workflows, with the data schema as JSON
/// (so a diff shows schema lines) and only whether an HMAC secret is set. Property names match migration M011.
/// </summary>
public static class EventDefinitionSnapshot
{
    private static readonly JsonSerializerOptions Display = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Create(EventDefinition e, IEnumerable<string> workflowNames)
    {
        var snapshot = Base(e, workflowNames);
        // Sync settings appear only when set, so definitions saved before they existed keep identical snapshots.
        if (e.Mode == EventMode.Sync)
        {
            snapshot["mode"] = "sync";
            snapshot["timeoutSeconds"] = e.SyncTimeoutSeconds;
        }

        if (e.ResponseSchema is not null)
        {
            snapshot["responseSchema"] = Schema(e.ResponseSchema);
        }

        if (e.ValidationErrorBody is not null)
        {
            snapshot["validationErrorBody"] = Schema(e.ValidationErrorBody);
        }

        return snapshot.ToJsonString();
    }

    private static JsonObject Base(EventDefinition e, IEnumerable<string> workflowNames) => new()
    {
        ["key"] = e.Key,
        ["description"] = e.Description,
        ["enabled"] = e.Enabled,
        ["sourceKind"] = e.SourceKind.ToString(),
        ["httpRoute"] = e.HttpRoute,
        ["httpMethod"] = e.HttpMethod,
        ["natsSubject"] = e.NatsSubject,
        ["natsStream"] = e.NatsStream,
        ["natsWrapNonCloudEvents"] = e.NatsWrapNonCloudEvents,
        ["cronExpression"] = e.CronExpression,
        ["timeZone"] = e.TimeZone,
        ["cronMissedFirePolicy"] = e.CronMissedFirePolicy.ToString(),
        ["typeFilter"] = e.TypeFilter,
        ["dataSchema"] = Schema(e.DataSchema),
        ["authMode"] = e.AuthMode.ToString(),
        ["hmacSecretSet"] = e.HmacSecretProtected is not null,
        ["workflows"] = new JsonArray([.. workflowNames.Order(StringComparer.Ordinal).Select(n => (JsonNode?)JsonValue.Create(n))]),
    };

    /// <summary>The snapshot indented for reading and diffing; characters such as &gt; stay as they are.</summary>
    public static string Format(string snapshotJson) => JsonNode.Parse(snapshotJson)?.ToJsonString(Display) ?? snapshotJson;

    private static JsonNode? Schema(string? schema)
    {
        if (schema is null)
        {
            return null;
        }

        try
        {
            return JsonNode.Parse(schema);
        }
        catch (JsonException)
        {
            return JsonValue.Create(schema);
        }
    }
}
