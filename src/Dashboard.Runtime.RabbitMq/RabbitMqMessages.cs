using System.Globalization;
using System.Text;
using System.Text.Json;
using Dashboard.CloudEventBindings;
using Dashboard.Runtime.Events;
using Dashboard.Runtime.Ingestion;
using RabbitMQ.Client;

namespace Dashboard.Runtime.RabbitMq;

/// <summary>Turns a message from a RabbitMQ source queue into an ingestion request (per the CloudEvents AMQP binding).</summary>
public static class RabbitMqMessages
{
    /// <summary>
    /// The request: the message as sent (content-type and application properties as the AMQP binding reads them), or
    /// wrapped into a structured CloudEvent when it is not one and the definition says so. The wrapped event's id is the
    /// message-id property when there is one (a redelivery is then a duplicate), else a new GUID.
    /// </summary>
    public static IngestionRequest ToRequest(RabbitMqSource source, IReadOnlyBasicProperties properties, ReadOnlyMemory<byte> body, DateTimeOffset now)
    {
        var contentType = properties.ContentType;
        var headers = ApplicationProperties(properties.Headers);
        if (source.WrapNonCloudEvents && !CloudEventAmqpDecoder.HasCloudEventMarkers(contentType, headers) && !IsStructuredJson(contentType, body.Span))
        {
            var id = properties.MessageId is { Length: > 0 } messageId ? messageId : Guid.NewGuid().ToString();
            var type = string.IsNullOrWhiteSpace(source.TypeFilter) ? source.Key : source.TypeFilter;
            body = CloudEventWrapper.Wrap(id, $"rabbitmq://{source.Queue}", type, now, body.Span, contentType);
            contentType = CloudEventMediaTypes.Structured;
            headers = [];
        }

        return new IngestionRequest
        {
            DefinitionId = source.DefinitionId,
            Transport = IngestionTransport.Amqp,
            SourceRoute = Route(source),
            RemoteAddress = Route(source),
            ContentType = contentType,
            Headers = headers,
            Body = body,
            TrustedInitiator = Route(source),
        };
    }

    /// <summary>How the ledger names the source: <c>rabbitmq:&lt;queue&gt;</c>.</summary>
    public static string Route(RabbitMqSource source) => $"rabbitmq:{source.Queue}";

    /// <summary>
    /// AMQP application properties as text: strings (RabbitMQ.Client hands them over as UTF-8 bytes), numbers and
    /// booleans invariantly, timestamps as RFC 3339. Nested tables and arrays are left out.
    /// </summary>
    public static IReadOnlyList<KeyValuePair<string, string>> ApplicationProperties(IDictionary<string, object?>? headers)
    {
        if (headers is null || headers.Count == 0)
        {
            return [];
        }

        var list = new List<KeyValuePair<string, string>>(headers.Count);
        foreach (var (key, value) in headers)
        {
            string? text = value switch
            {
                byte[] bytes => Encoding.UTF8.GetString(bytes),
                string s => s,
                bool b => b ? "true" : "false",
                AmqpTimestamp timestamp => DateTimeOffset.FromUnixTimeSeconds(timestamp.UnixTime).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
                IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
                _ => null,
            };
            if (text is not null)
            {
                list.Add(new(key, text));
            }
        }

        return list;
    }

    /// <summary>A JSON object with a <c>specversion</c> member, sent without a content-type or with a JSON one.</summary>
    private static bool IsStructuredJson(string? contentType, ReadOnlySpan<byte> payload)
    {
        if (!string.IsNullOrWhiteSpace(contentType) && !CloudEventMediaTypes.IsJson(contentType))
        {
            return false;
        }

        return CloudEventWrapper.HasSpecVersionMember(payload);
    }
}
