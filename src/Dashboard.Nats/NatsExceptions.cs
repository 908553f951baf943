namespace Dashboard.Nats;

/// <summary>Base of every error raised by this library.</summary>
public class NatsException : Exception
{
    public NatsException(string message)
        : base(message)
    {
    }

    public NatsException(string message, Exception? inner)
        : base(message, inner)
    {
    }
}

/// <summary>Not connected, connection lost, or the reconnect buffer is full.</summary>
public sealed class NatsConnectionException(string message, Exception? inner = null) : NatsException(message, inner);

/// <summary>The server rejected the credentials (<c>-ERR 'Authorization Violation'</c>).</summary>
public sealed class NatsAuthorizationException(string message) : NatsException(message);

/// <summary>The server denied a publish or subscribe (<c>-ERR 'Permissions Violation ...'</c>).</summary>
public sealed class NatsPermissionException(string message) : NatsException(message);

/// <summary>The server sent something that is not the NATS protocol.</summary>
public sealed class NatsProtocolException(string message) : NatsException(message);

/// <summary>A message is larger than the server's <c>max_payload</c>.</summary>
public sealed class NatsPayloadTooLargeException(int size, long maxPayload)
    : NatsException($"Message of {size} bytes exceeds the server's max_payload of {maxPayload} bytes.")
{
    public int Size { get; } = size;

    public long MaxPayload { get; } = maxPayload;
}

/// <summary>A request got a 503 status: nobody subscribes to the subject.</summary>
public sealed class NatsNoRespondersException(string subject)
    : NatsException($"No responders are available for the request on '{subject}'.")
{
    public string Subject { get; } = subject;
}

/// <summary>A request or JetStream call received no reply in time.</summary>
public sealed class NatsTimeoutException(string message) : NatsException(message);
