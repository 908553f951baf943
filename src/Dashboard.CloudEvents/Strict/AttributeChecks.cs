using System.Buffers.Text;
using System.Text.Json;
using CloudNative.CloudEvents;

namespace Dashboard.CloudEvents;

/// <summary>
/// Checks one attribute of the JSON format at a time and reports each problem with its path, so that an event gets
/// every error listed (the SDK stops at the first). Values are checked by the SDK's own attribute types.
/// </summary>
internal static class AttributeChecks
{
    /// <summary>The longest extension name the specification allows implementations to rely on.</summary>
    public const int MaxExtensionNameLength = 20;

    public static void CheckEvent(JsonElement element, string path, CloudEventReaderOptions options, List<CloudEventError> errors)
    {
        var present = new HashSet<string>(StringComparer.Ordinal);
        var hasData = false;
        var hasDataBase64 = false;
        foreach (var property in element.EnumerateObject())
        {
            var name = property.Name;
            var value = property.Value;
            var memberPath = StrictJson.Member(path, name);
            if (value.ValueKind == JsonValueKind.Null)
            {
                continue;
            }

            present.Add(name);
            switch (name)
            {
                case "specversion":
                    if (value.ValueKind != JsonValueKind.String || !value.ValueEquals("1.0"))
                    {
                        errors.Add(new(memberPath, "must be the string \"1.0\", the only version supported"));
                    }

                    break;
                case "data":
                    hasData = true;
                    break;
                case "data_base64":
                    hasDataBase64 = true;
                    if (value.ValueKind != JsonValueKind.String || !Base64.IsValid(StrictJson.TryGetString(value).AsSpan()))
                    {
                        errors.Add(new(memberPath, "must be a base64 string"));
                    }

                    break;
                default:
                    CheckAttribute(name, value, memberPath, options, errors);
                    break;
            }
        }

        if (hasData && hasDataBase64)
        {
            errors.Add(new(StrictJson.Member(path, "data_base64"), "an event carries either data or data_base64, not both"));
        }

        foreach (var required in CloudEventFormats.V1.RequiredAttributes.Prepend(CloudEventsSpecVersion.SpecVersionAttribute).Distinct())
        {
            if (!present.Contains(required.Name))
            {
                errors.Add(new(StrictJson.Member(path, required.Name), "required attribute is missing"));
            }
        }

        if (hasData && element.TryGetProperty("datacontenttype", out var contentType) && StrictJson.TryGetString(contentType) is { } declared
            && !IsSdkJson(declared) && element.GetProperty("data").ValueKind != JsonValueKind.String)
        {
            errors.Add(new(StrictJson.Member(path, "data"), "data of a non-JSON datacontenttype must be a JSON string"));
        }
    }

    /// <summary>Checks an extension name; null when it is valid.</summary>
    public static string? CheckExtensionName(string name)
    {
        if (name.Length == 0 || !name.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c)))
        {
            return $"invalid attribute name '{name}': only lower-case letters a-z and digits 0-9";
        }

        return name.Length > MaxExtensionNameLength
            ? $"invalid attribute name '{name}': longer than {MaxExtensionNameLength} characters"
            : null;
    }

    /// <summary>The attribute a name denotes: a core attribute, a declared extension, or null for an undeclared one.</summary>
    public static CloudEventAttribute? Find(string name, CloudEventReaderOptions options) =>
        CloudEventFormats.V1.AllAttributes.FirstOrDefault(a => a.Name == name)
        ?? options.ExtensionAttributes?.FirstOrDefault(a => a.Name == name);

    /// <summary>Parses a value given as text (a header, or a JSON string); null when valid, else why not.</summary>
    public static string? CheckText(CloudEventAttribute attribute, string text)
    {
        try
        {
            attribute.Parse(text);
            return null;
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException or OverflowException)
        {
            return ex.Message;
        }
    }

    private static void CheckAttribute(string name, JsonElement value, string path, CloudEventReaderOptions options, List<CloudEventError> errors)
    {
        var attribute = Find(name, options);
        if (attribute is null || attribute.IsExtension)
        {
            if (CheckExtensionName(name) is { } nameProblem)
            {
                errors.Add(new(path, nameProblem));
                return;
            }
        }

        var problem = (attribute?.Type, value.ValueKind) switch
        {
            (null, JsonValueKind.String or JsonValueKind.True or JsonValueKind.False) => null,
            (null, JsonValueKind.Number) => value.TryGetInt32(out _) ? null : "must be a 32-bit integer",
            (null, _) => "an extension value must be a string, boolean or integer",
            ({ } type, _) when type == CloudEventAttributeType.Boolean => value.ValueKind is JsonValueKind.True or JsonValueKind.False ? null : "must be a boolean",
            ({ } type, _) when type == CloudEventAttributeType.Integer => value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out _) ? null : "must be a 32-bit integer",
            (_, JsonValueKind.String) => StrictJson.TryGetString(value) is { } text ? CheckText(attribute!, text) : null,
            _ => "must be a string",
        };
        if (problem is not null)
        {
            errors.Add(new(path, problem));
        }
    }

    // The SDK's rule for JSON data in the JSON format: a media type ending in /json or +json.
    private static bool IsSdkJson(string contentType)
    {
        var essence = CloudEventFormats.Essence(contentType);
        return essence.EndsWith("/json", StringComparison.OrdinalIgnoreCase) || essence.EndsWith("+json", StringComparison.OrdinalIgnoreCase);
    }
}
