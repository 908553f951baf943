namespace Dashboard.Web.Features.Workflows;

/// <summary>How one setting is edited: a line of text (a template), several lines, a number, or a JSON value.</summary>
public enum SettingKind
{
    Text,
    Multiline,
    Number,
    Json,
}

/// <summary>One setting of a step type as the typed form shows it.</summary>
public sealed record SettingField(string Name, string Label, SettingKind Kind, bool Required, string Help, string? Default = null);

/// <summary>
/// The settings of each step type (names as the runtime validates them), with help and defaults, and the retry policy
/// every step accepts. The typed step form is built from this; the JSON view stays for anything else.
/// </summary>
public static class StepSettingsCatalog
{
    private const string TemplateHelp = "A template: text with {{ event.data.x }}, {{ vars.y }} or {{ steps.name.output.z }}.";

    private static readonly Dictionary<string, SettingField[]> Fields = new(StringComparer.Ordinal)
    {
        ["log"] = [new("message", "Message", SettingKind.Text, false, TemplateHelp, "step '<name>'")],
        ["set"] = [new("variables", "Variables (JSON object of name: template)", SettingKind.Json, true, "For example { \"total\": \"{{ event.data.qty }}\" }.")],
        ["transform"] =
        [
            new("template", "Template (JSON)", SettingKind.Json, true, "The object to build; string values may hold templates."),
            new("variable", "Store the result in variable", SettingKind.Text, false, "Optional variable name for the result."),
        ],
        ["http"] =
        [
            new("method", "Method", SettingKind.Text, false, "GET, POST, PUT, PATCH or DELETE.", "GET"),
            new("url", "URL", SettingKind.Text, true, "Absolute http:// or https:// URL; may hold templates."),
            new("headers", "Headers (JSON object)", SettingKind.Json, false, "For example { \"X-Api-Key\": \"…\" }."),
            new("body", "Body (JSON)", SettingKind.Json, false, "Sent as JSON; string values may hold templates."),
            new("timeoutSeconds", "Timeout (seconds)", SettingKind.Number, false, "How long to wait for the response.", "30"),
            new("expectedStatus", "Expected status", SettingKind.Number, false, "Any other status fails the step.", "any 2xx"),
        ],
        ["publish"] =
        [
            new("definition", "Event definition key", SettingKind.Text, true, "The definition the new event belongs to."),
            new("type", "Type", SettingKind.Text, true, TemplateHelp),
            new("subject", "Subject", SettingKind.Text, false, TemplateHelp),
            new("data", "Data (JSON)", SettingKind.Json, false, "The new event's data; string values may hold templates."),
        ],
        ["delay"] = [new("seconds", "Wait (seconds)", SettingKind.Number, true, "The run waits durably; a restart does not shorten it.")],
        ["condition"] =
        [
            new("expression", "Expression", SettingKind.Text, true, "For example {{ event.data.qty > 10 }}."),
            new("whenTrue", "When true", SettingKind.Text, false, "continue, end, or the name of a later step.", "continue"),
            new("whenFalse", "When false", SettingKind.Text, false, "continue, end, or the name of a later step.", "continue"),
        ],
        ["fail"] =
        [
            new("message", "Message", SettingKind.Text, true, TemplateHelp),
            new("status", "Status for a sync caller", SettingKind.Number, false, "400-599; the caller of a sync event gets it with the message.", "502"),
        ],
        ["respond"] =
        [
            new("status", "Status", SettingKind.Number, false, "200-599, or a template; what the caller of a sync event gets.", "200"),
            new("body", "Body (JSON)", SettingKind.Json, false, "The response; string values may hold templates. It must satisfy the definition's response schema."),
        ],
    };

    public static IReadOnlyList<SettingField> For(string type) => Fields.GetValueOrDefault(type, []);

    /// <summary>The retry policy's fields, with the defaults the runtime applies to <paramref name="type"/>.</summary>
    public static IReadOnlyList<SettingField> Retry(string type)
    {
        var (attempts, backoff) = type is "http" or "publish" ? ("3", "2") : ("1", "0");
        return
        [
            new("retry.maxAttempts", "Attempts", SettingKind.Number, false, "How often the step is tried before the run is dead-lettered.", attempts),
            new("retry.backoffSeconds", "Backoff (seconds)", SettingKind.Number, false, "The wait after the first failure; it doubles each time.", backoff),
        ];
    }
}
