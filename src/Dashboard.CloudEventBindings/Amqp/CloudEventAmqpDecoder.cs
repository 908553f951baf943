using CloudNative.CloudEvents;
using CloudNative.CloudEvents.Core;

namespace Dashboard.CloudEventBindings;

/// <summary>
/// Reads CloudEvents from AMQP messages (CloudEvents AMQP protocol binding: structured and binary mode); the SDK ships
/// its AMQP binding only for AMQPNetLite, not for RabbitMQ's client.
/// </summary>
public static class CloudEventAmqpDecoder
{
    /// <summary>The application-property prefix of the binding.</summary>
    public const string Prefix = "cloudEvents:";

    /// <summary>The prefix some AMQP/JMS clients use instead, where ':' is not allowed in a property name.</summary>
    public const string AlternatePrefix = "cloudEvents_";

    private const string ContentTypeProperty = "content-type";

    /// <summary>
    /// Decodes a message. A <c>content-type</c> of <c>application/cloudevents+json</c> (or <c>-batch+json</c>) means
    /// structured (batch) mode; otherwise any <c>cloudEvents:</c> / <c>cloudEvents_</c> application property means
    /// binary mode, with datacontenttype the message's content-type. A message with neither is read as structured JSON
    /// when it has no content-type or a JSON one; any other content-type gives <see cref="CloudEventDecodeResult.IsUnsupported"/>.
    /// Never throws for bad input; error paths name the application property (<c>cloudEvents:id</c>).
    /// </summary>
    /// <param name="applicationProperties">The message's application properties as text (others than the binding's are ignored).</param>
    public static CloudEventDecodeResult Decode(
        string? contentType, IEnumerable<KeyValuePair<string, string>>? applicationProperties, ReadOnlyMemory<byte> body,
        StrictJsonEventFormatter? formatter = null, IEnumerable<CloudEventAttribute>? extensionAttributes = null)
    {
        formatter ??= StrictJsonEventFormatter.Default;
        if (MessageDecoding.ByMediaType(contentType, body, formatter, extensionAttributes) is { } result)
        {
            return result;
        }

        var headers = ToCeHeaders(applicationProperties ?? []);
        if (headers.Count > 0)
        {
            var binary = BinaryModeReader.Decode(headers, contentType, ContentTypeProperty, dataContentTypeHeaderAllowed: false, body, formatter, extensionAttributes);
            return binary.Errors.Count == 0
                ? binary
                : new CloudEventDecodeResult(binary.Mode, isBatch: false, binary.Events, binary.Errors.Select(Rename).ToList()) { Identity = binary.Identity };
        }

        if (string.IsNullOrWhiteSpace(contentType) || CloudEventMediaTypes.IsJson(contentType))
        {
            return formatter.DecodeStructured(body, extensionAttributes);
        }

        return MessageDecoding.Unsupported($"not a CloudEvent: content-type '{contentType}' without {Prefix} application properties");
    }

    /// <summary>True when the message carries a CloudEvent by the binding's markers (content-type or application properties).</summary>
    public static bool HasCloudEventMarkers(string? contentType, IEnumerable<KeyValuePair<string, string>> applicationProperties) =>
        CloudEventMediaTypes.Essence(contentType).StartsWith(MimeUtilities.MediaType, StringComparison.OrdinalIgnoreCase)
        || applicationProperties.Any(p => AttributeName(p.Key) is not null);

    /// <summary>The attribute a property names (<c>cloudEvents:id</c> → <c>id</c>), or null for other properties.</summary>
    private static string? AttributeName(string property)
    {
        foreach (var prefix in (ReadOnlySpan<string>)[Prefix, AlternatePrefix])
        {
            if (property.Length > prefix.Length && property.StartsWith(prefix, StringComparison.Ordinal))
            {
                return property[prefix.Length..];
            }
        }

        return null;
    }

    // AMQP values are not percent-encoded as HTTP header values are: '%' is escaped so the shared reader keeps it.
    private static List<KeyValuePair<string, string>> ToCeHeaders(IEnumerable<KeyValuePair<string, string>> properties) =>
        properties.Select(p => (Name: AttributeName(p.Key), p.Value))
            .Where(p => p.Name is not null)
            .Select(p => new KeyValuePair<string, string>(BinaryModeReader.HeaderPrefix + p.Name, p.Value.Replace("%", "%25", StringComparison.Ordinal)))
            .ToList();

    private static CloudEventError Rename(CloudEventError error) =>
        error.Path.StartsWith(BinaryModeReader.HeaderPrefix, StringComparison.Ordinal)
            ? error with { Path = Prefix + error.Path[BinaryModeReader.HeaderPrefix.Length..] }
            : error;
}
