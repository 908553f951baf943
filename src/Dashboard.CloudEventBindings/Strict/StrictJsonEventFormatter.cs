using System.Net.Mime;
using System.Text.Encodings.Web;
using System.Text.Json;
using CloudNative.CloudEvents;
using CloudNative.CloudEvents.Core;
using CloudNative.CloudEvents.SystemTextJson;

namespace Dashboard.CloudEventBindings;

/// <summary>
/// The SDK's JSON event format made strict. It writes as the SDK's <see cref="JsonEventFormatter"/> does; it reads only a
/// document without problems (JSON rules, attribute rules, version 1.0 only), and lists every problem with its JSON path.
/// Through the SDK's entry points (<see cref="DecodeStructuredModeMessage(ReadOnlyMemory{byte}, ContentType?, IEnumerable{CloudEventAttribute}?)"/>,
/// the batch and binary-data ones, and so the SDK's own HTTP helpers) a problem throws <see cref="InvalidCloudEventException"/>;
/// <see cref="DecodeStructured"/> and <see cref="DecodeBatch"/> return the problems instead, for paths where a rejected event
/// must not cost an exception.
/// </summary>
public sealed partial class StrictJsonEventFormatter : JsonEventFormatter
{
    /// <summary>The default <see cref="MaxDepth"/>.</summary>
    public const int DefaultMaxDepth = 64;

    /// <summary>The largest accepted <see cref="MaxDepth"/>.</summary>
    public const int MaxDepthLimit = 1000;

    private static readonly JsonSerializerOptions _writerOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <param name="maxDepth">The deepest JSON nesting accepted, counting the event object (and the batch array) as levels.</param>
    public StrictJsonEventFormatter(int maxDepth = DefaultMaxDepth)
        : base(_writerOptions, new JsonDocumentOptions { MaxDepth = CheckDepth(maxDepth), AllowDuplicateProperties = false })
    {
    }

    /// <summary>A shared formatter with the default depth, for writing and for readers without their own limit.</summary>
    public static StrictJsonEventFormatter Default { get; } = new();

    public int MaxDepth => DocumentOptions.MaxDepth;

    /// <inheritdoc/>
    /// <exception cref="InvalidCloudEventException">The body is not a valid event; the exception lists every problem.</exception>
    public override CloudEvent DecodeStructuredModeMessage(ReadOnlyMemory<byte> body, ContentType? contentType, IEnumerable<CloudEventAttribute>? extensionAttributes)
    {
        CheckCharset(contentType);
        return InvalidCloudEventException.ThrowIfInvalid(DecodeStructured(body, extensionAttributes)).Events[0];
    }

    /// <inheritdoc/>
    public override CloudEvent DecodeStructuredModeMessage(Stream body, ContentType? contentType, IEnumerable<CloudEventAttribute>? extensionAttributes) =>
        DecodeStructuredModeMessage(BinaryDataUtilities.ToReadOnlyMemory(body), contentType, extensionAttributes);

    /// <inheritdoc/>
    public override async Task<CloudEvent> DecodeStructuredModeMessageAsync(Stream body, ContentType? contentType, IEnumerable<CloudEventAttribute>? extensionAttributes) =>
        DecodeStructuredModeMessage(await BinaryDataUtilities.ToReadOnlyMemoryAsync(body).ConfigureAwait(false), contentType, extensionAttributes);

    /// <inheritdoc/>
    /// <exception cref="InvalidCloudEventException">The body is not a valid batch; the exception lists every problem.</exception>
    public override IReadOnlyList<CloudEvent> DecodeBatchModeMessage(ReadOnlyMemory<byte> body, ContentType? contentType, IEnumerable<CloudEventAttribute>? extensionAttributes)
    {
        CheckCharset(contentType);
        return InvalidCloudEventException.ThrowIfInvalid(DecodeBatch(body, extensionAttributes)).Events;
    }

    /// <inheritdoc/>
    public override IReadOnlyList<CloudEvent> DecodeBatchModeMessage(Stream body, ContentType? contentType, IEnumerable<CloudEventAttribute>? extensionAttributes) =>
        DecodeBatchModeMessage(BinaryDataUtilities.ToReadOnlyMemory(body), contentType, extensionAttributes);

    /// <inheritdoc/>
    public override async Task<IReadOnlyList<CloudEvent>> DecodeBatchModeMessageAsync(Stream body, ContentType? contentType, IEnumerable<CloudEventAttribute>? extensionAttributes) =>
        DecodeBatchModeMessage(await BinaryDataUtilities.ToReadOnlyMemoryAsync(body).ConfigureAwait(false), contentType, extensionAttributes);

    /// <summary>
    /// Binary-mode data: JSON media types (including <c>+json</c>) must be strict UTF-8 JSON and become a <see cref="JsonElement"/>;
    /// other types are read by the SDK (text as a string, anything else as bytes).
    /// </summary>
    /// <exception cref="InvalidCloudEventException">The data breaks a rule; the exception lists every problem.</exception>
    public override void DecodeBinaryModeEventData(ReadOnlyMemory<byte> body, CloudEvent cloudEvent)
    {
        ArgumentNullException.ThrowIfNull(cloudEvent);
        if (body.IsEmpty)
        {
            base.DecodeBinaryModeEventData(body, cloudEvent);
            return;
        }

        var errors = new List<CloudEventError>();
        DecodeBinaryData(body, cloudEvent, errors);
        if (errors.Count > 0)
        {
            throw new InvalidCloudEventException(errors);
        }
    }

    private static int CheckDepth(int maxDepth)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxDepth, 2);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(maxDepth, MaxDepthLimit);
        return maxDepth;
    }

    private static void CheckCharset(ContentType? contentType)
    {
        if (contentType?.CharSet is { Length: > 0 } charset && !CloudEventMediaTypes.IsUtf8(charset))
        {
            throw new InvalidCloudEventException([new("Content-Type", $"unsupported charset '{charset}'; CloudEvents JSON is UTF-8")]);
        }
    }
}
