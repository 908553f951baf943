using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Dashboard.Runtime.Definitions.Yaml;

/// <summary>Converts between YAML nodes and JSON nodes, so schemas and step settings can be written as plain YAML.</summary>
public static partial class YamlJson
{
    [GeneratedRegex(@"^-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][-+]?[0-9]+)?$")]
    private static partial Regex NumberPattern();

    public static JsonNode? ToJson(YamlNode node) => node switch
    {
        YamlMappingNode mapping => ToJsonObject(mapping),
        YamlSequenceNode sequence => new JsonArray(sequence.Children.Select(ToJson).ToArray()),
        YamlScalarNode scalar => ScalarToJson(scalar),
        _ => throw new YamlException(node.Start, node.End, "Aliases are not supported."),
    };

    private static JsonObject ToJsonObject(YamlMappingNode mapping)
    {
        var result = new JsonObject();
        foreach (var (key, value) in mapping.Children)
        {
            var name = (key as YamlScalarNode)?.Value ?? throw new YamlException(key.Start, key.End, "Keys must be plain strings.");
            if (result.ContainsKey(name))
            {
                throw new YamlException(key.Start, key.End, $"Duplicate key '{name}'.");
            }

            result[name] = ToJson(value);
        }

        return result;
    }

    private static JsonNode? ScalarToJson(YamlScalarNode scalar)
    {
        var text = scalar.Value ?? "";
        if (scalar.Style is ScalarStyle.SingleQuoted or ScalarStyle.DoubleQuoted or ScalarStyle.Literal or ScalarStyle.Folded)
        {
            return JsonValue.Create(text);
        }

        return text switch
        {
            "" or "~" or "null" or "Null" or "NULL" => null,
            "true" or "True" or "TRUE" => JsonValue.Create(true),
            "false" or "False" or "FALSE" => JsonValue.Create(false),
            _ when NumberPattern().IsMatch(text) => text.Contains('.') || text.Contains('e') || text.Contains('E')
                ? JsonValue.Create(double.Parse(text, CultureInfo.InvariantCulture))
                : long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var integer)
                    ? JsonValue.Create(integer)
                    : JsonValue.Create(double.Parse(text, CultureInfo.InvariantCulture)),
            _ => JsonValue.Create(text),
        };
    }

    public static YamlNode ToYaml(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => new YamlMappingNode(element.EnumerateObject()
            .Select(p => new KeyValuePair<YamlNode, YamlNode>(String(p.Name), ToYaml(p.Value)))),
        JsonValueKind.Array => new YamlSequenceNode(element.EnumerateArray().Select(ToYaml)),
        JsonValueKind.String => String(element.GetString()!),
        JsonValueKind.Number => new YamlScalarNode(element.GetRawText()),
        JsonValueKind.True => new YamlScalarNode("true"),
        JsonValueKind.False => new YamlScalarNode("false"),
        _ => new YamlScalarNode("null"),
    };

    /// <summary>A string scalar, quoted when plain YAML would read it as something else.</summary>
    public static YamlScalarNode String(string value)
    {
        var node = new YamlScalarNode(value);
        if (value.Contains('\n'))
        {
            node.Style = ScalarStyle.Literal;
        }
        else if (ScalarToJson(new YamlScalarNode(value)) is not JsonValue parsed
            || parsed.GetValueKind() != JsonValueKind.String
            || value.Length == 0 || value.Trim() != value
            || value.IndexOfAny([':', '#', '{', '}', '[', ']', ',', '&', '*', '!', '|', '>', '\'', '"', '%', '@', '`']) >= 0
            || value.StartsWith('-') || value.StartsWith('?'))
        {
            node.Style = ScalarStyle.DoubleQuoted;
        }

        return node;
    }
}
