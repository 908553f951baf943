using System.Text;
using System.Text.Json;

namespace Dashboard.CloudEvents;

internal sealed partial class JsonEventParser
{
    private void ReadExtension(ref Utf8JsonReader reader, ReadOnlySpan<byte> utf8Name)
    {
        if (!ExtensionAttributes.IsValidName(utf8Name))
        {
            Errors.Add(_path.ToString(), AttributeRules.InvalidExtensionName(Encoding.UTF8.GetString(utf8Name)));
            WalkValue(ref reader);
            return;
        }

        var name = Encoding.ASCII.GetString(utf8Name);
        CloudEventAttributeType? declared = _options.ExtensionTypes?.TryGetValue(name, out var type) == true ? type : null;
        object? value = reader.TokenType switch
        {
            JsonTokenType.Null => null,
            JsonTokenType.String when CheckString(ref reader) => reader.GetString(),
            JsonTokenType.True => true,
            JsonTokenType.False => false,
            JsonTokenType.Number when reader.TryGetInt32(out var number) => number,
            _ => Rejected(ref reader),
        };

        if (value is null)
        {
            return;
        }

        var problem = (value, declared) switch
        {
            (_, null) => null,
            (string text, { } expected) => ExtensionAttributes.CheckString(text, expected),
            (bool, CloudEventAttributeType.Boolean) or (int, CloudEventAttributeType.Integer) => null,
            (_, { } expected) => $"must be a JSON {(expected == CloudEventAttributeType.Boolean ? "boolean" : expected == CloudEventAttributeType.Integer ? "integer" : "string")}",
        };

        if (problem is not null)
        {
            Errors.Add(_path.ToString(), problem);
            return;
        }

        Builder.AddExtension(name, value);
    }

    private object? Rejected(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            var what = reader.TokenType == JsonTokenType.Number ? "a number outside the 32-bit integer range or with a fraction" : Describe(reader.TokenType);
            Errors.Add(_path.ToString(), $"extension values must be a string, boolean or integer, not {what}");
            WalkValue(ref reader);
        }

        return null;
    }

    private static string Describe(JsonTokenType token) => token switch
    {
        JsonTokenType.StartObject => "an object",
        JsonTokenType.StartArray => "an array",
        JsonTokenType.Number => "a number",
        JsonTokenType.True or JsonTokenType.False => "a boolean",
        JsonTokenType.String => "a string",
        _ => "null",
    };
}
