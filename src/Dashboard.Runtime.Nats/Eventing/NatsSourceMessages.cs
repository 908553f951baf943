using System.Text.Json;
using Dashboard.CloudEventBindings;
using Dashboard.Runtime.Events;
using Dashboard.Runtime.Ingestion;
using NATS.Client.Core;

namespace Dashboard.Runtime.Nats.Eventing;

/// <summary>Turns a message on a NATS source subject into an ingestion request, and an ingestion result into a reply.</summary>
public static class NatsSourceMessages
{
    public const string CloudEventsJson = "application/cloudevents+json";

    /// <summary>The settings of one NATS-source definition that decide how its messages are read.</summary>
    public sealed record Source(long DefinitionId, string Key, string Subject, bool WrapNonCloudEvents, string? TypeFilter, string? Stream = null);

    /// <summary>
    /// A CloudEvent per the NATS binding: a CloudEvents Content-Type, any <c>ce-</c> header, or a JSON object with a
    /// <c>specversion</c> member. Anything else is a plain message.
    /// </summary>
    public static bool LooksLikeCloudEvent(IReadOnlyList<KeyValuePair<string, string>> headers, ReadOnlySpan<byte> payload)
    {
        foreach (var (key, value) in headers)
        {
            if (key.StartsWith("ce-", StringComparison.OrdinalIgnoreCase)
                || (key.Equals("Content-Type", StringComparison.OrdinalIgnoreCase)
                    && value.TrimStart().StartsWith("application/cloudevents", StringComparison.OrdinalIgnoreCase)))
            {
                return true;
            }
        }

        return CloudEventWrapper.HasSpecVersionMember(payload);
    }

    /// <summary>
    /// Builds the request: the message as sent, or wrapped into a structured CloudEvent when it is not one and the
    /// definition says so. <paramref name="stableId"/> (a JetStream message's stream and sequence) is the wrapped event's
    /// id when the message has no <c>Nats-Msg-Id</c>, so a redelivery is recognised as a duplicate.
    /// </summary>
    public static IngestionRequest ToRequest(Source source, string subject, NatsHeaders? natsHeaders, byte[]? data, DateTimeOffset now, string? stableId = null)
    {
        var headers = Flatten(natsHeaders);
        ReadOnlyMemory<byte> body = data ?? [];
        var contentType = Last(headers, "Content-Type");
        if (source.WrapNonCloudEvents && !LooksLikeCloudEvent(headers, body.Span))
        {
            body = Wrap(source, subject, Last(headers, "Nats-Msg-Id"), body, contentType, now, stableId);
            contentType = CloudEventsJson;
            headers = [new("Content-Type", CloudEventsJson)];
        }

        return new IngestionRequest
        {
            DefinitionId = source.DefinitionId,
            Transport = IngestionTransport.Nats,
            NatsSubject = subject,
            RemoteAddress = $"nats:{subject}",
            ContentType = contentType,
            Headers = headers,
            Body = body,
            TrustedInitiator = $"nats:{subject}",
        };
    }

    /// <summary>NATS.Net's headers (a key with several values) as the pipeline's list of name/value pairs.</summary>
    public static IReadOnlyList<KeyValuePair<string, string>> Flatten(NatsHeaders? headers)
    {
        if (headers is null || headers.Count == 0)
        {
            return [];
        }

        var list = new List<KeyValuePair<string, string>>(headers.Count);
        foreach (var (key, values) in headers)
        {
            foreach (var value in values)
            {
                list.Add(new(key, value ?? string.Empty));
            }
        }

        return list;
    }

    private static string? Last(IReadOnlyList<KeyValuePair<string, string>> headers, string name) =>
        headers.LastOrDefault(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase)).Value;

    /// <summary>
    /// A structured CloudEvent around a plain message: type from the definition (type filter, else key), source
    /// <c>nats://&lt;subject&gt;</c>, id from <c>Nats-Msg-Id</c>, else <paramref name="stableId"/>, else a new GUID, data the
    /// payload (JSON when it parses, else base64).
    /// </summary>
    public static byte[] Wrap(
        Source source, string subject, string? natsMsgId, ReadOnlyMemory<byte> data, string? contentType, DateTimeOffset now, string? stableId = null)
    {
        var id = natsMsgId is { Length: > 0 } msgId ? msgId : stableId ?? Guid.NewGuid().ToString();
        var type = string.IsNullOrWhiteSpace(source.TypeFilter) ? source.Key : source.TypeFilter;
        return CloudEventWrapper.Wrap(id, $"nats://{subject}", type, now, data.Span, contentType);
    }

    /// <summary>The reply to a request on a source subject: <c>{status, outcome, id, errors}</c>, status as HTTP would answer.</summary>
    public static byte[] Reply(IngestionResult result)
    {
        var errors = result.Errors.Select(e => new ReplyError(e.Path, e.Message)).ToList();
        if (errors.Count == 0 && !result.Accepted)
        {
            errors.Add(new ReplyError("$", result.Detail ?? result.Title));
        }

        return JsonSerializer.SerializeToUtf8Bytes(new ReplyBody(
            result.Status, result.Outcome, result.Events.Count > 0 ? result.Events[0].Id : null, errors), ReplyJson);
    }

    private static readonly JsonSerializerOptions ReplyJson = new(JsonSerializerDefaults.Web);

    private sealed record ReplyBody(int Status, string Outcome, string? Id, IReadOnlyList<ReplyError> Errors);

    private sealed record ReplyError(string Path, string Message);
}
