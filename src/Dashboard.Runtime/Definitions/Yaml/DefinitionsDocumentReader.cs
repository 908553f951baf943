using System.Text.Json.Nodes;
using Dashboard.Data.Entities;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Dashboard.Runtime.Definitions.Yaml;

/// <summary>Reads the YAML definitions document into models, remembering the line of every field for error messages.</summary>
internal sealed class DefinitionsDocumentReader
{
    private static readonly HashSet<string> WorkflowKeys = ["name", "description", "enabled", "steps"];
    private static readonly HashSet<string> StepKeys = ["name", "type", "settings"];
    private static readonly HashSet<string> EventKeys =
        ["key", "description", "source", "route", "method", "subject", "stream", "wrapNonCloudEvents", "queue", "declareQueue", "exchange", "routingKey", "prefetch", "schedule", "timeZone", "missedFires", "type", "auth", "hmacSecret", "enabled", "workflows", "schema", "mode", "responseSchema", "timeoutSeconds", "validationErrorBody"];

    public List<ImportError> Errors { get; } = [];
    public List<(WorkflowDefinitionModel Model, Dictionary<string, int> Lines)> Workflows { get; } = [];
    public List<(EventDefinitionModel Model, Dictionary<string, int> Lines)> Events { get; } = [];

    public void Read(string text)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException ex)
        {
            Errors.Add(new((int)ex.Start.Line, "document", ex.InnerException?.Message ?? ex.Message));
            return;
        }

        if (stream.Documents.Count != 1 || stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            Errors.Add(new(1, "document", "Expected one YAML document with 'workflows' and 'events' lists."));
            return;
        }

        foreach (var (key, value) in root.Children)
        {
            switch (Scalar(key))
            {
                case "version":
                    if (Scalar(value) != "1")
                    {
                        Error(value, "version", "Only version 1 is supported.");
                    }

                    break;
                case "workflows":
                    ForEachItem(value, "workflows", ReadWorkflow);
                    break;
                case "events":
                    ForEachItem(value, "events", ReadEvent);
                    break;
                default:
                    Error(key, Scalar(key) ?? "?", "Unknown top-level key; expected version, workflows, events.");
                    break;
            }
        }
    }

    private void ReadWorkflow(YamlMappingNode node, string path)
    {
        var model = new WorkflowDefinitionModel();
        var lines = Lines(node, path, WorkflowKeys);
        model.Name = String(node, "name", path) ?? "";
        model.Description = String(node, "description", path) ?? "";
        model.Enabled = Bool(node, "enabled", path) ?? true;
        if (Child(node, "steps") is { } steps)
        {
            ForEachItem(steps, $"{path}.steps", (stepNode, stepPath) =>
            {
                Lines(stepNode, stepPath, StepKeys);
                var settings = Child(stepNode, "settings") is { } s ? Json(s, $"{stepPath}.settings") : new JsonObject();
                if (settings is not JsonObject settingsObject)
                {
                    Error(stepNode, $"{stepPath}.settings", "Settings must be a mapping.");
                    return;
                }

                model.Steps.Add(new WorkflowStep(String(stepNode, "name", stepPath) ?? "", String(stepNode, "type", stepPath) ?? "", settingsObject));
                lines[$"steps[{model.Steps.Count - 1}]"] = (int)stepNode.Start.Line;
            });
        }

        Workflows.Add((model, lines));
    }

    private void ReadEvent(YamlMappingNode node, string path)
    {
        var lines = Lines(node, path, EventKeys);
        var model = new EventDefinitionModel
        {
            Key = String(node, "key", path) ?? "",
            Description = String(node, "description", path) ?? "",
            SourceKind = Enum<EventSourceKind>(node, "source", path) ?? EventSourceKind.Http,
            HttpRoute = String(node, "route", path),
            HttpMethod = String(node, "method", path)?.ToUpperInvariant() ?? "POST",
            NatsSubject = String(node, "subject", path),
            NatsStream = String(node, "stream", path),
            NatsWrapNonCloudEvents = Bool(node, "wrapNonCloudEvents", path) ?? true,
            RabbitQueue = String(node, "queue", path),
            RabbitDeclareQueue = Bool(node, "declareQueue", path) ?? false,
            RabbitExchange = String(node, "exchange", path),
            RabbitRoutingKey = String(node, "routingKey", path),
            RabbitPrefetch = Int(node, "prefetch", path) ?? 32,
            CronMissedFirePolicy = Enum<CronMissedFirePolicy>(node, "missedFires", path) ?? CronMissedFirePolicy.FireOnce,
            CronExpression = String(node, "schedule", path),
            TimeZone = String(node, "timeZone", path) ?? "UTC",
            TypeFilter = String(node, "type", path),
            AuthMode = Enum<EventAuthMode>(node, "auth", path) ?? EventAuthMode.Token,
            NewHmacSecret = String(node, "hmacSecret", path),
            Enabled = Bool(node, "enabled", path) ?? true,
            Mode = Enum<EventMode>(node, "mode", path) ?? EventMode.Async,
            SyncTimeoutSeconds = Int(node, "timeoutSeconds", path) ?? 30,
        };
        if (Child(node, "workflows") is { } workflows)
        {
            if (workflows is YamlSequenceNode list)
            {
                model.WorkflowNames = list.Children.Select(Scalar).OfType<string>().ToList();
            }
            else
            {
                Error(workflows, $"{path}.workflows", "Expected a list of workflow names.");
            }
        }

        model.DataSchema = JsonText(node, "schema", path);
        model.ResponseSchema = JsonText(node, "responseSchema", path);
        model.ValidationErrorBody = JsonText(node, "validationErrorBody", path);

        Events.Add((model, lines));
    }

    /// <summary>A JSON value written as YAML, or as JSON text in a quoted or block scalar; null when absent.</summary>
    private string? JsonText(YamlMappingNode node, string key, string path) => Child(node, key) switch
    {
        null => null,
        YamlScalarNode { Style: ScalarStyle.Literal or ScalarStyle.Folded or ScalarStyle.DoubleQuoted or ScalarStyle.SingleQuoted } text => text.Value,
        var value => Json(value, $"{path}.{key}")?.ToJsonString(),
    };

    private Dictionary<string, int> Lines(YamlMappingNode node, string path, HashSet<string> allowed)
    {
        var lines = new Dictionary<string, int> { ["."] = (int)node.Start.Line };
        foreach (var (key, value) in node.Children)
        {
            var name = Scalar(key) ?? "?";
            lines[name] = (int)value.Start.Line;
            if (!allowed.Contains(name))
            {
                Error(key, $"{path}.{name}", $"Unknown field. Expected one of: {string.Join(", ", allowed)}.");
            }
        }

        return lines;
    }

    private void ForEachItem(YamlNode node, string path, Action<YamlMappingNode, string> read)
    {
        if (node is not YamlSequenceNode sequence)
        {
            if (!(node is YamlScalarNode { Value: null or "" }))
            {
                Error(node, path, "Expected a list.");
            }

            return;
        }

        for (var i = 0; i < sequence.Children.Count; i++)
        {
            if (sequence.Children[i] is YamlMappingNode item)
            {
                read(item, $"{path}[{i}]");
            }
            else
            {
                Error(sequence.Children[i], $"{path}[{i}]", "Expected a mapping.");
            }
        }
    }

    private JsonNode? Json(YamlNode node, string path)
    {
        try
        {
            return YamlJson.ToJson(node);
        }
        catch (YamlException ex)
        {
            Errors.Add(new((int)ex.Start.Line, path, ex.Message));
            return null;
        }
    }

    private string? String(YamlMappingNode node, string key, string path)
    {
        var child = Child(node, key);
        if (child is null)
        {
            return null;
        }

        if (child is not YamlScalarNode scalar)
        {
            Error(child, $"{path}.{key}", "Expected a text value.");
            return null;
        }

        return scalar.Value;
    }

    private int? Int(YamlMappingNode node, string key, string path)
    {
        var text = String(node, key, path);
        return text is null ? null
            : int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var value) ? value
            : Fail<int?>(Child(node, key)!, $"{path}.{key}", "Expected a whole number.");
    }

    private bool? Bool(YamlMappingNode node, string key, string path)
    {
        var text = String(node, key, path);
        return text switch
        {
            null => null,
            "true" => true,
            "false" => false,
            _ => Fail<bool?>(Child(node, key)!, $"{path}.{key}", "Expected true or false."),
        };
    }

    private T? Enum<T>(YamlMappingNode node, string key, string path)
        where T : struct, System.Enum
    {
        var text = String(node, key, path);
        if (text is null)
        {
            return null;
        }

        return System.Enum.TryParse<T>(text, ignoreCase: true, out var value) && !int.TryParse(text, out _)
            ? value
            : Fail<T?>(Child(node, key)!, $"{path}.{key}", $"Expected one of: {string.Join(", ", System.Enum.GetNames<T>().Select(n => n.ToLowerInvariant()))}.");
    }

    private T? Fail<T>(YamlNode node, string field, string message)
    {
        Error(node, field, message);
        return default;
    }

    private void Error(YamlNode node, string field, string message) => Errors.Add(new((int)node.Start.Line, field, message));

    private static YamlNode? Child(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var value) ? value : null;

    private static string? Scalar(YamlNode node) => (node as YamlScalarNode)?.Value;
}
