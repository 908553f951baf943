using System.Text.Json;
using System.Text.RegularExpressions;
using Dashboard.Data.Entities;
using Dashboard.Runtime.Common;
using NCrontab;

namespace Dashboard.Runtime.Definitions;

/// <summary>Field-level checks for definitions that need no database; uniqueness is checked by the services.</summary>
public static partial class DefinitionRules
{
    public const int MaxKeyLength = 100;
    public const int MaxDescriptionLength = 2_000;
    public const int MaxSchemaLength = 256 * 1024;
    public const int MaxSettingsLength = 64 * 1024;

    [GeneratedRegex("^[a-z0-9][a-z0-9._-]*$")]
    private static partial Regex KeyPattern();

    [GeneratedRegex("^[a-z0-9][a-z0-9._/-]*$")]
    private static partial Regex RoutePattern();

    [GeneratedRegex(@"^[A-Za-z0-9_$-]+(\.[A-Za-z0-9_$*>-]+)*$")]
    private static partial Regex SubjectPattern();

    [GeneratedRegex("^[A-Za-z0-9_-]+$")]
    private static partial Regex StreamPattern();

    /// <summary>Routes compare without surrounding slashes and case: "/Orders/" and "orders" collide.</summary>
    public static string NormalizeRoute(string route) => route.Trim().Trim('/').ToLowerInvariant();

    public static List<FieldError> Check(EventDefinitionModel model, int maxSyncTimeoutSeconds = 120)
    {
        var errors = new List<FieldError>();
        CheckName(errors, "key", model.Key, KeyPattern(), "lowercase letters, digits, '.', '_' and '-'");
        CheckLength(errors, "description", model.Description, MaxDescriptionLength);
        switch (model.SourceKind)
        {
            case EventSourceKind.RabbitMq:
                RabbitMqRules.Check(errors, model);
                break;
            case EventSourceKind.WebSocket:
                CheckRoute(errors, model.HttpRoute, "A route is required for a WebSocket source.");
                break;
            case EventSourceKind.Http:
                CheckRoute(errors, model.HttpRoute, "An HTTP route is required for an HTTP source.");
                if (model.HttpMethod is not ("POST" or "PUT"))
                {
                    errors.Add(new("httpMethod", "Webhooks accept POST or PUT."));
                }

                break;
            case EventSourceKind.Nats:
                if (string.IsNullOrWhiteSpace(model.NatsSubject) || model.NatsSubject.Length > 200 || !SubjectPattern().IsMatch(model.NatsSubject))
                {
                    errors.Add(new("natsSubject", "A NATS subject is required: dot-separated tokens, '*' and '>' wildcards, no spaces."));
                }

                if (!string.IsNullOrEmpty(model.NatsStream) && (model.NatsStream.Length > 64 || !StreamPattern().IsMatch(model.NatsStream)))
                {
                    errors.Add(new("natsStream", "A JetStream stream name has up to 64 letters, digits, '_' and '-' (leave it empty for a core subscription)."));
                }

                break;
            case EventSourceKind.Cron:
                CheckCron(errors, model.CronExpression, model.TimeZone);
                break;
        }

        CheckLength(errors, "typeFilter", model.TypeFilter, 200);
        CheckSchema(errors, model.DataSchema);
        SyncRules.Check(errors, model, maxSyncTimeoutSeconds);
        if (model.AuthMode == EventAuthMode.Hmac && model.NewHmacSecret is { Length: > 0 and < 16 })
        {
            errors.Add(new("newHmacSecret", "An HMAC secret needs at least 16 characters."));
        }

        return errors;
    }

    /// <summary>Routes of HTTP (/hooks/) and WebSocket (/ws/) sources share one namespace and one pattern.</summary>
    private static void CheckRoute(List<FieldError> errors, string? route, string missing)
    {
        if (string.IsNullOrWhiteSpace(route))
        {
            errors.Add(new("httpRoute", missing));
        }
        else if (NormalizeRoute(route) is var normalized && (normalized.Length > 200 || !RoutePattern().IsMatch(normalized)))
        {
            errors.Add(new("httpRoute", "Use up to 200 lowercase letters, digits, '.', '_', '-' and '/'."));
        }
    }

    /// <summary>True for the sources reached on a route of their own (HTTP webhooks and WebSockets).</summary>
    public static bool HasRoute(EventSourceKind kind) => kind is EventSourceKind.Http or EventSourceKind.WebSocket;

    public static void CheckCron(List<FieldError> errors, string? expression, string? timeZone)
    {
        if (string.IsNullOrWhiteSpace(expression) || TryParseCron(expression) is null)
        {
            errors.Add(new("cronExpression", "Not a valid cron expression (5 fields, or 6 with seconds first)."));
        }

        if (!string.IsNullOrWhiteSpace(timeZone) && !TimeZoneInfo.TryFindSystemTimeZoneById(timeZone, out _))
        {
            errors.Add(new("timeZone", $"Unknown time zone '{timeZone}'."));
        }
    }

    public static CrontabSchedule? TryParseCron(string expression)
    {
        var fields = expression.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;
        return CrontabSchedule.TryParse(expression, new CrontabSchedule.ParseOptions { IncludingSeconds = fields == 6 });
    }

    public static void CheckSchema(List<FieldError> errors, string? schema, string field = "dataSchema")
    {
        if (string.IsNullOrWhiteSpace(schema))
        {
            return;
        }

        if (schema.Length > MaxSchemaLength)
        {
            errors.Add(new(field, $"The schema is longer than {MaxSchemaLength / 1024} KiB."));
            return;
        }

        var error = CheckSchemaText(schema);
        if (error is not null)
        {
            errors.Add(new(field, error));
        }
    }

    /// <summary>Compiles the schema with the draft 2020-12 validator; null when it compiles, else every problem.</summary>
    private static string? CheckSchemaText(string schema) =>
        JsonSchema.JsonSchema.TryCompile(schema, out _, out var problems)
            ? null
            : "Not a valid JSON Schema: " + string.Join("; ", problems.Select(p => p.ToString()));

    public static void CheckName(List<FieldError> errors, string field, string? value, Regex pattern, string allowed)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            errors.Add(new(field, "Required."));
        }
        else if (value.Length > MaxKeyLength)
        {
            errors.Add(new(field, $"At most {MaxKeyLength} characters."));
        }
        else if (!pattern.IsMatch(value))
        {
            errors.Add(new(field, $"Use {allowed}, starting with a letter or digit."));
        }
    }

    public static void CheckLength(List<FieldError> errors, string field, string? value, int max)
    {
        if (value is not null && value.Length > max)
        {
            errors.Add(new(field, $"At most {max} characters."));
        }
    }

    public static Regex NamePattern => KeyPattern();
}
