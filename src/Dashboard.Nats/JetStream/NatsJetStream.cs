using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Dashboard.Nats.JetStream;

/// <summary>JetStream over a <see cref="NatsConnection"/>: stream and consumer management, publish with ack, pull fetch.</summary>
public sealed partial class NatsJetStream(NatsConnection connection, string apiPrefix = "$JS.API", TimeSpan? requestTimeout = null)
{
    private readonly TimeSpan _timeout = requestTimeout ?? connection.Options.RequestTimeout;

    public NatsConnection Connection { get; } = connection;

    public Task<StreamInfo> CreateStreamAsync(StreamConfig config, CancellationToken cancellationToken = default) =>
        StreamRequestAsync("CREATE", config, cancellationToken);

    public Task<StreamInfo> UpdateStreamAsync(StreamConfig config, CancellationToken cancellationToken = default) =>
        StreamRequestAsync("UPDATE", config, cancellationToken);

    public Task<StreamInfo> GetStreamAsync(string name, CancellationToken cancellationToken = default) =>
        ApiAsync($"STREAM.INFO.{name}", [], JetStreamJsonContext.Default.StreamInfo, cancellationToken);

    public async Task<bool> DeleteStreamAsync(string name, CancellationToken cancellationToken = default) =>
        (await ApiAsync($"STREAM.DELETE.{name}", [], JetStreamJsonContext.Default.DeleteResponse, cancellationToken)
            .ConfigureAwait(false)).Success;

    /// <summary>Creates a consumer, or updates the durable consumer of the same name (editable fields only).</summary>
    public Task<ConsumerInfo> CreateOrUpdateConsumerAsync(string stream, ConsumerConfig config, CancellationToken cancellationToken = default)
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(
            new CreateConsumerRequest(stream, config), JetStreamJsonContext.Default.CreateConsumerRequest);
        var operation = config.DurableName is null
            ? $"CONSUMER.CREATE.{stream}"
            : $"CONSUMER.DURABLE.CREATE.{stream}.{config.DurableName}";
        return ApiAsync(operation, body, JetStreamJsonContext.Default.ConsumerInfo, cancellationToken);
    }

    public Task<ConsumerInfo> GetConsumerAsync(string stream, string consumer, CancellationToken cancellationToken = default) =>
        ApiAsync($"CONSUMER.INFO.{stream}.{consumer}", [], JetStreamJsonContext.Default.ConsumerInfo, cancellationToken);

    public async Task<bool> DeleteConsumerAsync(string stream, string consumer, CancellationToken cancellationToken = default) =>
        (await ApiAsync($"CONSUMER.DELETE.{stream}.{consumer}", [], JetStreamJsonContext.Default.DeleteResponse, cancellationToken)
            .ConfigureAwait(false)).Success;

    /// <summary>
    /// Publishes and returns the stream's ack. The message is queued before this returns, so callers can start
    /// many publishes and await the tasks together. <paramref name="msgId"/> goes into <c>Nats-Msg-Id</c> for de-duplication.
    /// </summary>
    public async Task<PubAck> PublishAsync(
        string subject,
        ReadOnlyMemory<byte> data,
        NatsHeaders? headers = null,
        string? msgId = null,
        CancellationToken cancellationToken = default)
    {
        if (msgId is not null)
        {
            var copy = new NatsHeaders();
            foreach (var (key, value) in headers ?? [])
            {
                copy.Add(key, value);
            }

            copy["Nats-Msg-Id"] = msgId;
            headers = copy;
        }

        var reply = await RequestAsync(subject, data, headers, cancellationToken).ConfigureAwait(false);
        var ack = JsonSerializer.Deserialize(reply.Data.Span, JetStreamJsonContext.Default.PubAckResponse)
            ?? throw new NatsJetStreamException($"Empty publish ack for '{subject}'.");
        if (ack.Error is { } error)
        {
            throw new NatsJetStreamApiException(error.Code, error.ErrCode, error.Description ?? string.Empty);
        }

        return new PubAck(ack.Stream ?? string.Empty, ack.Seq, ack.Duplicate, ack.Domain);
    }

    /// <summary>Subscribes to MAX_DELIVERIES advisories; read them with <see cref="MaxDeliveriesAdvisory.Parse"/>.</summary>
    public ValueTask<NatsSubscription> SubscribeMaxDeliveriesAdvisoriesAsync(
        string stream = "*", string consumer = "*", CancellationToken cancellationToken = default) =>
        Connection.SubscribeAsync($"{MaxDeliveriesAdvisory.SubjectPrefix}.{stream}.{consumer}", cancellationToken: cancellationToken);

    private Task<StreamInfo> StreamRequestAsync(string operation, StreamConfig config, CancellationToken cancellationToken) =>
        ApiAsync(
            $"STREAM.{operation}.{config.Name}",
            JsonSerializer.SerializeToUtf8Bytes(config, JetStreamJsonContext.Default.StreamConfig),
            JetStreamJsonContext.Default.StreamInfo,
            cancellationToken);

    private async Task<T> ApiAsync<T>(string operation, byte[] body, JsonTypeInfo<T> type, CancellationToken cancellationToken)
    {
        var reply = await RequestAsync($"{apiPrefix}.{operation}", body, null, cancellationToken).ConfigureAwait(false);
        var json = reply.Data.Span;
        if (json.IndexOf("\"error\""u8) >= 0
            && JsonSerializer.Deserialize(json, JetStreamJsonContext.Default.ApiErrorResponse)?.Error is { } error)
        {
            throw new NatsJetStreamApiException(error.Code, error.ErrCode, error.Description ?? string.Empty);
        }

        return JsonSerializer.Deserialize(json, type) ?? throw new NatsJetStreamException($"Empty reply to {operation}.");
    }

    private async Task<NatsMsg> RequestAsync(string subject, ReadOnlyMemory<byte> data, NatsHeaders? headers, CancellationToken cancellationToken)
    {
        try
        {
            return await Connection.RequestAsync(subject, data, headers, _timeout, cancellationToken).ConfigureAwait(false);
        }
        catch (NatsNoRespondersException)
        {
            throw new NatsJetStreamException($"No JetStream responded on '{subject}' (JetStream disabled, or no stream for the subject).");
        }
    }
}
