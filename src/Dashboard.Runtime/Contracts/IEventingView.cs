namespace Dashboard.Runtime.Contracts;

/// <summary>
/// How eventing is doing, for the System page. The core's default says Embedded; the NATS module provides the live
/// connection, stream and consumer state.
/// </summary>
public interface IEventingView
{
    Task<EventingStatus> ReadAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Calls <paramref name="changed"/> when the state changes (connection, dispatch mode); the callback runs on the
    /// raiser's thread and only signals. Figures that move with stored events change on commits instead (see
    /// <c>CommitNotifications</c>). Dispose the result to unsubscribe.
    /// </summary>
    IDisposable Subscribe(Action changed);
}
