namespace Dashboard.Nats.Internal;

/// <summary>What a <see cref="Session"/> needs from its connection.</summary>
internal interface ISessionHost
{
    CommandWriter Writer { get; }

    PongTracker Pongs { get; }

    void OnMessage(ProtocolReader reader, in ServerOp op);

    void OnInfo(NatsServerInfo info);

    /// <summary>Handles a <c>-ERR</c>; returns true when the error ends the connection.</summary>
    bool OnServerError(string message);
}
