using System.Text;
using System.Text.Json;
using Dashboard.JsonSchema.Evaluation;

namespace Dashboard.JsonSchema.Keywords;

internal sealed class PropertiesKeyword : Keyword
{
    private readonly Dictionary<string, SchemaNode> _properties;

    public PropertiesKeyword(string schemaPath, Dictionary<string, SchemaNode> properties)
        : base(schemaPath)
    {
        _properties = properties;
    }

    public override bool Evaluate(JsonElement instance, EvaluationContext context, EvaluatedTracker? tracker)
    {
        if (instance.ValueKind != JsonValueKind.Object || _properties.Count == 0)
        {
            return true;
        }

        var valid = true;
        foreach (var property in instance.EnumerateObject())
        {
            if (!TryGetSchema(property, out var name, out var schema))
            {
                continue;
            }

            tracker?.MarkProperty(name);
            if (!context.EvaluateProperty(schema, property, name))
            {
                valid = false;
                if (!context.Collecting)
                {
                    return false;
                }
            }
        }

        return valid;
    }

    /// <summary>Longest member name (in UTF-8 bytes) looked up without allocating its string.</summary>
    private const int MaxStackName = 256;

    /// <summary>
    /// The schema of <paramref name="property"/> and the schema's own key for its name. A plain (unescaped) name is
    /// (valid UTF-8, no escapes) is transcoded on the stack and looked up by span, so the instance's member names are
    /// not allocated as strings; anything else takes the name's string as before.
    /// </summary>
    private bool TryGetSchema(JsonProperty property, out string name, out SchemaNode schema)
    {
        var raw = System.Runtime.InteropServices.JsonMarshal.GetRawUtf8PropertyName(property);
        if (raw.Length <= MaxStackName && raw.IndexOf((byte)'\\') < 0 && System.Text.Unicode.Utf8.IsValid(raw)
            && _properties.TryGetAlternateLookup<ReadOnlySpan<char>>(out var lookup))
        {
            Span<char> chars = stackalloc char[MaxStackName];
            if (Encoding.UTF8.TryGetChars(raw, chars, out var written))
            {
                return lookup.TryGetValue(chars[..written], out name!, out schema!);
            }
        }

        name = property.Name;
        return _properties.TryGetValue(name, out schema!);
    }
}
