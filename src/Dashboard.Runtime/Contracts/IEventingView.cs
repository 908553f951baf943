namespace Dashboard.Runtime.Contracts;

/// <summary>
/// How eventing is doing, for the System page. The core's default says Embedded; the NATS module provides the live
/// connection, stream and consumer state.
/// </summary>
public interface IEventingView
{
    Task<EventingStatus> ReadAsync(CancellationToken cancellationToken);
}
