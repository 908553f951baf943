using System.Text.Json;
using Dashboard.Data;
using Dashboard.Data.Entities;
using Microsoft.EntityFrameworkCore;
using YamlDotNet.RepresentationModel;

namespace Dashboard.Runtime.Definitions.Yaml;

/// <summary>Writes every workflow and event definition as one YAML document (format: docs/definitions.md). Secrets are never exported.</summary>
public sealed class DefinitionsYamlExporter(IDbContextFactory<DashboardDbContext> dbFactory)
{
    public async Task<string> ExportAsync(CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var workflows = await db.WorkflowDefinitions.AsNoTracking().OrderBy(w => w.Name).ToListAsync(cancellationToken);
        var versions = await db.WorkflowVersions.AsNoTracking()
            .Where(v => db.WorkflowDefinitions.Any(w => w.Id == v.WorkflowDefinitionId && w.CurrentVersion == v.Version))
            .ToDictionaryAsync(v => v.WorkflowDefinitionId, cancellationToken);
        var events = await db.EventDefinitions.AsNoTracking()
            .Include(e => e.Bindings).ThenInclude(b => b.WorkflowDefinition)
            .OrderBy(e => e.Key).ToListAsync(cancellationToken);

        var root = new YamlMappingNode
        {
            { "version", new YamlScalarNode("1") },
            { "workflows", new YamlSequenceNode(workflows.Select(w => Workflow(w, versions.GetValueOrDefault(w.Id)))) },
            { "events", new YamlSequenceNode(events.Select(Event)) },
        };
        using var writer = new StringWriter();
        new YamlStream(new YamlDocument(root)).Save(writer, assignAnchors: false);
        var text = writer.ToString();
        return text.EndsWith("...\n", StringComparison.Ordinal) ? text[..^4] : text;
    }

    private static YamlMappingNode Workflow(WorkflowDefinition workflow, WorkflowVersion? version)
    {
        var node = new YamlMappingNode { { "name", YamlJson.String(workflow.Name) } };
        AddIfNotEmpty(node, "description", workflow.Description);
        node.Add("enabled", workflow.Enabled ? "true" : "false");
        var steps = new YamlSequenceNode();
        foreach (var step in version is null ? [] : WorkflowStep.Deserialize(version.StepsJson))
        {
            using var settings = JsonDocument.Parse(step.Settings.ToJsonString());
            steps.Add(new YamlMappingNode
            {
                { "name", YamlJson.String(step.Name) },
                { "type", YamlJson.String(step.Type) },
                { "settings", YamlJson.ToYaml(settings.RootElement) },
            });
        }

        node.Add("steps", steps);
        return node;
    }

    private static YamlMappingNode Event(EventDefinition definition)
    {
        var node = new YamlMappingNode { { "key", YamlJson.String(definition.Key) } };
        AddIfNotEmpty(node, "description", definition.Description);
        node.Add("source", definition.SourceKind.ToString().ToLowerInvariant());
        AddIfNotEmpty(node, "route", definition.HttpRoute);
        if (definition.SourceKind == EventSourceKind.RabbitMq)
        {
            AddIfNotEmpty(node, "queue", definition.RabbitQueue);
            node.Add("declareQueue", definition.RabbitDeclareQueue ? "true" : "false");
            AddIfNotEmpty(node, "exchange", definition.RabbitExchange);
            if (definition.RabbitExchange is not null)
            {
                node.Add("routingKey", YamlJson.String(definition.RabbitRoutingKey ?? ""));
            }

            node.Add("prefetch", definition.RabbitPrefetch.ToString(System.Globalization.CultureInfo.InvariantCulture));
            node.Add("wrapNonCloudEvents", definition.NatsWrapNonCloudEvents ? "true" : "false");
        }

        if (definition.SourceKind == EventSourceKind.Http)
        {
            node.Add("method", definition.HttpMethod);
            if (definition.Mode == EventMode.Sync)
            {
                node.Add("mode", "sync");
                node.Add("timeoutSeconds", definition.SyncTimeoutSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        AddIfNotEmpty(node, "subject", definition.NatsSubject);
        AddIfNotEmpty(node, "stream", definition.NatsStream);
        if (definition.SourceKind == EventSourceKind.Nats)
        {
            node.Add("wrapNonCloudEvents", definition.NatsWrapNonCloudEvents ? "true" : "false");
        }

        AddIfNotEmpty(node, "schedule", definition.CronExpression);
        AddIfNotEmpty(node, "timeZone", definition.TimeZone);
        if (definition.SourceKind == EventSourceKind.Cron)
        {
            node.Add("missedFires", definition.CronMissedFirePolicy == CronMissedFirePolicy.FireOnce ? "fireOnce" : "skip");
        }
        AddIfNotEmpty(node, "type", definition.TypeFilter);
        node.Add("auth", definition.AuthMode.ToString().ToLowerInvariant());
        node.Add("enabled", definition.Enabled ? "true" : "false");
        node.Add("workflows", new YamlSequenceNode(definition.Bindings
            .Select(b => b.WorkflowDefinition?.Name).OfType<string>().Order().Select(YamlJson.String)));
        AddJson(node, "schema", definition.DataSchema);
        AddJson(node, "responseSchema", definition.ResponseSchema);
        AddJson(node, "validationErrorBody", definition.ValidationErrorBody);
        return node;
    }

    private static void AddJson(YamlMappingNode node, string key, string? json)
    {
        if (!string.IsNullOrWhiteSpace(json))
        {
            using var document = JsonDocument.Parse(json);
            node.Add(key, YamlJson.ToYaml(document.RootElement));
        }
    }

    private static void AddIfNotEmpty(YamlMappingNode node, string key, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            node.Add(key, YamlJson.String(value));
        }
    }
}
