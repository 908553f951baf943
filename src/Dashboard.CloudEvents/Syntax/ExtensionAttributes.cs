using System.Buffers.Text;

namespace Dashboard.CloudEvents;

/// <summary>Rules for extension attribute names and typed values.</summary>
internal static class ExtensionAttributes
{
    public const int MaxNameLength = 20;

    public static bool IsValidName(ReadOnlySpan<char> name)
    {
        if (name.Length is 0 or > MaxNameLength)
        {
            return false;
        }

        foreach (var c in name)
        {
            if (!char.IsAsciiLetterLower(c) && !char.IsAsciiDigit(c))
            {
                return false;
            }
        }

        return true;
    }

    public static bool IsValidName(ReadOnlySpan<byte> name)
    {
        if (name.Length is 0 or > MaxNameLength)
        {
            return false;
        }

        foreach (var b in name)
        {
            if (b is not (>= (byte)'a' and <= (byte)'z') and not (>= (byte)'0' and <= (byte)'9'))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Checks a string value against a declared string-like type; returns an error message or null.</summary>
    public static string? CheckString(string value, CloudEventAttributeType type) => type switch
    {
        CloudEventAttributeType.Uri when !UriSyntax.IsAbsoluteUri(value) => "must be an absolute URI",
        CloudEventAttributeType.UriReference when !UriSyntax.IsUriReference(value) => "must be a URI-reference",
        CloudEventAttributeType.Timestamp when !Rfc3339.TryParse(value, out _) => "must be an RFC 3339 timestamp",
        CloudEventAttributeType.Binary when !IsBase64(value) => "must be base64",
        CloudEventAttributeType.Boolean => "must be a boolean",
        CloudEventAttributeType.Integer => "must be an integer",
        _ => null,
    };

    /// <summary>True for names the specification reserves for its own attributes or the JSON format.</summary>
    public static bool IsReserved(string name) => name is "specversion" or "id" or "source" or "type"
        or "datacontenttype" or "dataschema" or "subject" or "time" or "data" or "data_base64";

    private static bool IsBase64(string value) => Base64.IsValid(value.AsSpan());
}
