using CloudNative.CloudEvents;
using CloudNative.CloudEvents.Http;

namespace Dashboard.CloudEventBindings;

/// <summary>
/// Binary content mode, shared by HTTP and NATS: attributes in <c>ce-</c> headers (percent-decoded and parsed by the
/// SDK), data in the body. Adds what the SDK lacks: duplicate headers, extension-name length, strict JSON data, and
/// every problem listed under its header name.
/// </summary>
internal static class BinaryModeReader
{
    public const string HeaderPrefix = "ce-";

    /// <param name="contentType">The transport Content-Type, the datacontenttype unless <c>ce-datacontenttype</c> is allowed and given.</param>
    /// <param name="contentTypeHeader">The header that carries <paramref name="contentType"/>, for error paths.</param>
    /// <param name="dataContentTypeHeaderAllowed">False for HTTP, whose binding maps datacontenttype to Content-Type only.</param>
    public static CloudEventDecodeResult Decode(
        IEnumerable<KeyValuePair<string, string>> headers, string? contentType, string contentTypeHeader, bool dataContentTypeHeaderAllowed,
        ReadOnlyMemory<byte> body, StrictJsonEventFormatter formatter, IEnumerable<CloudEventAttribute>? extensionAttributes)
    {
        var errors = new List<CloudEventError>();
        var cloudEvent = new CloudEvent(CloudEventsSpecVersion.V1_0, extensionAttributes);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (key, raw) in headers)
        {
            if (key.Length <= HeaderPrefix.Length || !key.StartsWith(HeaderPrefix, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var name = key[HeaderPrefix.Length..].ToLowerInvariant();
            var problem = !seen.Add(name) ? "duplicate header"
                : name == "datacontenttype" && !dataContentTypeHeaderAllowed ? $"not allowed in binary mode: datacontenttype travels as {contentTypeHeader}"
                : Set(cloudEvent, name, raw, extensionAttributes);
            if (problem is not null)
            {
                errors.Add(new(HeaderPrefix + name, problem));
            }
        }

        if (!string.IsNullOrWhiteSpace(contentType))
        {
            if (cloudEvent.DataContentType is { } declared && declared != contentType)
            {
                errors.Add(new("ce-datacontenttype", $"conflicts with {contentTypeHeader} '{contentType}'"));
            }
            else if (AttributeChecks.CheckText(CloudEventsSpecVersion.V1_0.DataContentTypeAttribute, contentType) is { } problem)
            {
                errors.Add(new(contentTypeHeader, problem));
            }
            else
            {
                cloudEvent.DataContentType = contentType;
            }
        }

        foreach (var required in AttributeChecks.RequiredNames)
        {
            var given = required == "specversion" ? seen.Contains(required) : cloudEvent[required] is not null;
            if (!given && !HasErrorAt(errors, HeaderPrefix + required))
            {
                errors.Add(new(HeaderPrefix + required, "required header is missing"));
            }
        }

        if (!body.IsEmpty)
        {
            formatter.DecodeBinaryData(body, cloudEvent, errors);
        }

        return new(ContentMode.Binary, isBatch: false, errors.Count == 0 ? [cloudEvent] : [], errors)
        {
            Identity = CloudEventIdentity.Of(cloudEvent),
        };
    }

    public static bool HasCloudEventHeaders(IEnumerable<KeyValuePair<string, string>> headers) =>
        headers.Any(h => h.Key.Length > HeaderPrefix.Length && h.Key.StartsWith(HeaderPrefix, StringComparison.OrdinalIgnoreCase));

    private static bool HasErrorAt(List<CloudEventError> errors, string path)
    {
        foreach (var error in errors)
        {
            if (error.Path == path)
            {
                return true;
            }
        }

        return false;
    }

    private static string? Set(CloudEvent cloudEvent, string name, string raw, IEnumerable<CloudEventAttribute>? extensionAttributes)
    {
        string value;
        try
        {
            value = HttpUtilities.DecodeHeaderValue(raw);
        }
        catch (ArgumentException ex)
        {
            return ex.Message;
        }

        if (value.AsSpan().IndexOfAny('\r', '\n') >= 0)
        {
            return "a header value must not contain a line break";
        }

        if (name == "specversion")
        {
            return value == "1.0" ? null : "must be \"1.0\", the only version supported";
        }

        var attribute = AttributeChecks.Find(name, extensionAttributes);
        if (attribute is null && AttributeChecks.CheckExtensionName(name) is { } nameProblem)
        {
            return nameProblem;
        }

        try
        {
            cloudEvent.SetAttributeFromString(name, value);
            return null;
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException or OverflowException)
        {
            return ex.Message;
        }
    }
}
