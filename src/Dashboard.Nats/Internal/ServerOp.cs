namespace Dashboard.Nats.Internal;

internal enum ServerOpKind
{
    Msg,
    HMsg,
    Ping,
    Pong,
    Ok,
    Err,
    Info,
}

/// <summary>
/// One parsed server operation. Ranges are absolute offsets into the reader's buffer and stay valid
/// until the next read. <see cref="Payload"/> covers headers and body; the first <see cref="HeaderLength"/> bytes are headers.
/// <see cref="Text"/> is the argument of INFO and -ERR.
/// </summary>
internal readonly record struct ServerOp(
    ServerOpKind Kind,
    Range Subject = default,
    long Sid = 0,
    Range ReplyTo = default,
    bool HasReplyTo = false,
    int HeaderLength = 0,
    Range Payload = default,
    Range Text = default);
