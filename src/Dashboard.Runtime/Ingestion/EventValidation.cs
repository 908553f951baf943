using System.Text.Json;
using CloudNative.CloudEvents;
using Dashboard.CloudEventBindings;
using Dashboard.Runtime.Events;

namespace Dashboard.Runtime.Ingestion;

/// <summary>Checks decoded events against their definitions' JSON Schemas and against repeats inside one batch.</summary>
internal static class EventValidation
{
    public static List<IngestionError> Validate(IReadOnlyList<CloudEvent> events, IReadOnlyList<DefinitionCatalog.Definition> definitions, bool isBatch)
    {
        var errors = new List<IngestionError>();
        var seen = new HashSet<(string, string)>();
        for (var i = 0; i < events.Count; i++)
        {
            var cloudEvent = events[i];
            var prefix = isBatch ? $"$[{i}]" : "$";
            if (!seen.Add((cloudEvent.Source!.OriginalString, cloudEvent.Id!)))
            {
                errors.Add(new($"{prefix}.id", $"duplicate event id '{cloudEvent.Id}' from source '{cloudEvent.Source}' inside one batch"));
            }

            if (definitions[i].Schema is { } schema)
            {
                ValidateData(cloudEvent, schema, $"{prefix}.data", errors);
            }
        }

        return errors;
    }

    private static void ValidateData(CloudEvent cloudEvent, JsonSchema.CompiledSchema schema, string dataPath, List<IngestionError> errors)
    {
        if (cloudEvent.Data is JsonElement element)
        {
            AddSchemaErrors(schema.Validate(element), dataPath, errors, missing: false);
            return;
        }

        var (data, isJson) = CloudEventPayload.DataOf(cloudEvent);
        if (data is not null && !isJson)
        {
            errors.Add(new(dataPath, $"data must be JSON to be checked against the schema (datacontenttype is '{cloudEvent.DataContentType}')"));
            return;
        }

        if (data is null)
        {
            using var none = JsonDocument.Parse("null");
            AddSchemaErrors(schema.Validate(none.RootElement), dataPath, errors, missing: true);
            return;
        }

        using var document = JsonDocument.Parse(data);
        AddSchemaErrors(schema.Validate(document.RootElement), dataPath, errors, missing: false);
    }

    private static void AddSchemaErrors(JsonSchema.ValidationResult result, string dataPath, List<IngestionError> errors, bool missing)
    {
        if (result.IsValid)
        {
            return;
        }

        if (missing)
        {
            errors.Add(new(dataPath, "data is required by the definition's schema"));
            return;
        }

        foreach (var error in result.Errors)
        {
            var path = error.JsonPath.Length > 1 ? dataPath + error.JsonPath[1..] : dataPath;
            errors.Add(new(path, $"{error.Message} (schema {error.SchemaPath})"));
        }
    }
}
