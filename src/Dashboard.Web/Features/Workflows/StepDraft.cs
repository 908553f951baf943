using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Dashboard.Web.Model;

namespace Dashboard.Web.Features.Workflows;

/// <summary>
/// A step as the editor holds it: settings stay text until saved, so a typo is shown at its step. The typed form reads
/// and writes single settings (<c>url</c>, <c>retry.maxAttempts</c>) through <see cref="Get"/> and <see cref="Set"/>.
/// </summary>
public sealed class StepDraft
{
    public string Name { get; set; } = "";
    public string Type { get; set; } = "log";
    public string SettingsText { get; set; } = "{}";
    public string? ParseError { get; set; }

    /// <summary>True while the step is edited as raw JSON rather than through its typed form.</summary>
    public bool ShowJson { get; set; }

    /// <summary>True when the settings text is a JSON object the typed form can edit.</summary>
    public bool HasObjectSettings => TryParse() is not null;

    /// <summary>The setting's value as the form shows it: text as is, numbers and JSON as JSON text; null when absent.</summary>
    public string? Get(string path)
    {
        if (TryParse() is not { } settings)
        {
            return null;
        }

        var (parent, name) = Locate(settings, path, create: false);
        return parent?[name] switch
        {
            null => null,
            JsonValue value when value.TryGetValue<string>(out var text) => text,
            var node => node.ToJsonString(JsonText.Readable),
        };
    }

    /// <summary>Sets one setting from the form; empty removes it. Returns false when the settings are not a JSON object.</summary>
    public bool Set(string path, SettingKind kind, string? text)
    {
        if (TryParse() is not { } settings)
        {
            return false;
        }

        var (parent, name) = Locate(settings, path, create: !string.IsNullOrWhiteSpace(text));
        if (parent is null)
        {
            return true;
        }

        if (string.IsNullOrWhiteSpace(text))
        {
            parent.Remove(name);
            if (parent != settings && parent.Count == 0 && path.Split('.') is [var outer, _])
            {
                settings.Remove(outer);
            }
        }
        else
        {
            parent[name] = ToNode(kind, text);
        }

        SettingsText = settings.ToJsonString(JsonText.Readable);
        return true;
    }

    private static JsonNode? ToNode(SettingKind kind, string text)
    {
        if (kind == SettingKind.Number && decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out var number))
        {
            return JsonValue.Create(number);
        }

        if (kind == SettingKind.Json)
        {
            try
            {
                return JsonNode.Parse(text);
            }
            catch (JsonException)
            {
                // Kept as text: the server names the field when it is not the JSON it expects.
            }
        }

        return JsonValue.Create(text);
    }

    private JsonObject? TryParse()
    {
        try
        {
            return string.IsNullOrWhiteSpace(SettingsText) ? [] : JsonNode.Parse(SettingsText) as JsonObject;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static (JsonObject? Parent, string Name) Locate(JsonObject settings, string path, bool create)
    {
        var parts = path.Split('.');
        if (parts.Length == 1)
        {
            return (settings, path);
        }

        if (settings[parts[0]] is JsonObject inner)
        {
            return (inner, parts[1]);
        }

        if (!create)
        {
            return (null, parts[1]);
        }

        var created = new JsonObject();
        settings[parts[0]] = created;
        return (created, parts[1]);
    }
}
