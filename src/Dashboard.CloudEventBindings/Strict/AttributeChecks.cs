using System.Buffers.Text;
using System.Text.Json;
using CloudNative.CloudEvents;

namespace Dashboard.CloudEventBindings;

/// <summary>
/// Checks each attribute of the JSON format and reports every problem with its path (the SDK stops at the first).
/// Values are parsed by the SDK's own attribute types; added here: only version 1.0, extension names of at most
/// 20 characters, and a declared extension's JSON value must have its attribute's type.
/// </summary>
internal static class AttributeChecks
{
    /// <summary>The longest extension name the specification allows implementations to rely on.</summary>
    public const int MaxExtensionNameLength = 20;

    /// <summary>specversion and the SDK's required attributes of version 1.0.</summary>
    public static readonly string[] RequiredNames =
        [CloudEventsSpecVersion.SpecVersionAttribute.Name, .. CloudEventsSpecVersion.V1_0.RequiredAttributes.Select(a => a.Name)];

    private static readonly Dictionary<string, CloudEventAttribute> _v1Attributes = CloudEventsSpecVersion.V1_0.AllAttributes.ToDictionary(a => a.Name);

    public static void CheckEvent(JsonElement element, string path, IEnumerable<CloudEventAttribute>? extensionAttributes, List<CloudEventError> errors)
    {
        var present = 0;
        foreach (var property in element.EnumerateObject())
        {
            var value = property.Value;
            if (value.ValueKind == JsonValueKind.Null)
            {
                continue;
            }

            var name = property.Name;
            present |= Array.IndexOf(RequiredNames, name) is >= 0 and var required ? 1 << required : 0;
            var problem = name switch
            {
                "specversion" => value.ValueKind == JsonValueKind.String && value.ValueEquals("1.0") ? null : "must be the string \"1.0\", the only version supported",
                "data" => null,
                "data_base64" => value.ValueKind == JsonValueKind.String && Base64.IsValid(StrictJson.TryGetString(value).AsSpan()) ? null : "must be a base64 string",
                _ => CheckAttribute(name, value, extensionAttributes),
            };
            if (problem is not null)
            {
                errors.Add(new(StrictJson.Member(path, name), problem));
            }
        }

        var hasData = element.TryGetProperty("data", out var data) && data.ValueKind != JsonValueKind.Null;
        if (hasData && element.TryGetProperty("data_base64", out var dataBase64) && dataBase64.ValueKind != JsonValueKind.Null)
        {
            errors.Add(new(StrictJson.Member(path, "data_base64"), "an event carries either data or data_base64, not both"));
        }

        for (var i = 0; i < RequiredNames.Length; i++)
        {
            if ((present & (1 << i)) == 0)
            {
                errors.Add(new(StrictJson.Member(path, RequiredNames[i]), "required attribute is missing"));
            }
        }

        if (hasData && data.ValueKind != JsonValueKind.String && element.TryGetProperty("datacontenttype", out var contentType)
            && StrictJson.TryGetString(contentType) is { } declared && !CloudEventMediaTypes.IsSdkJson(declared))
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
    public static CloudEventAttribute? Find(string name, IEnumerable<CloudEventAttribute>? extensionAttributes)
    {
        if (_v1Attributes.TryGetValue(name, out var attribute))
        {
            return attribute;
        }

        foreach (var extension in extensionAttributes ?? [])
        {
            if (extension.Name == name)
            {
                return extension;
            }
        }

        return null;
    }

    /// <summary>Parses a value given as text (a header, or a JSON string) by the SDK; null when valid, else why not.</summary>
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

    private static string? CheckAttribute(string name, JsonElement value, IEnumerable<CloudEventAttribute>? extensionAttributes)
    {
        var attribute = Find(name, extensionAttributes);
        if ((attribute is null || attribute.IsExtension) && CheckExtensionName(name) is { } nameProblem)
        {
            return nameProblem;
        }

        return (attribute?.Type, value.ValueKind) switch
        {
            (null, JsonValueKind.String or JsonValueKind.True or JsonValueKind.False) => null,
            (null, JsonValueKind.Number) => value.TryGetInt32(out _) ? null : "must be a 32-bit integer",
            (null, _) => "an extension value must be a string, boolean or integer",
            ({ } type, _) when type == CloudEventAttributeType.Boolean => value.ValueKind is JsonValueKind.True or JsonValueKind.False ? null : "must be a boolean",
            ({ } type, _) when type == CloudEventAttributeType.Integer => value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out _) ? null : "must be a 32-bit integer",
            (_, JsonValueKind.String) => StrictJson.TryGetString(value) is { } text ? CheckText(attribute!, text) : null,
            _ => "must be a string",
        };
    }
}
