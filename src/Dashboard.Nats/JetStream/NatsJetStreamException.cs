namespace Dashboard.Nats.JetStream;

/// <summary>A JetStream failure that is not an API error reply (status 409, missed heartbeats, JetStream disabled).</summary>
public class NatsJetStreamException(string message) : NatsException(message);

/// <summary>A JetStream API error reply: <c>{"error":{"code":..,"err_code":..,"description":..}}</c>.</summary>
public sealed class NatsJetStreamApiException(int code, int errorCode, string description)
    : NatsJetStreamException($"JetStream API error {code} ({errorCode}): {description}")
{
    /// <summary>HTTP-like status, e.g. 404, 400, 503.</summary>
    public int Code { get; } = code;

    /// <summary>JetStream error code, e.g. 10059 (stream not found), 10014 (consumer not found).</summary>
    public int ErrorCode { get; } = errorCode;

    public string Description { get; } = description;
}
