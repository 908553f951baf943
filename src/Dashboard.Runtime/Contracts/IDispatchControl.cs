namespace Dashboard.Runtime.Contracts;

/// <summary>
/// What a transport may ask of the in-process dispatcher: how many workers are free, to leave fresh runs to it for a
/// while (while it delivers them), and to run the runs it claimed.
/// </summary>
public interface IDispatchControl
{
    /// <summary>Workers free right now.</summary>
    int FreeSlots { get; }

    /// <summary>Runs claimed and not yet finished by a worker.</summary>
    int InFlight { get; }

    /// <summary>
    /// With a window, fresh runs queued from now on are left to the transport unless they are still queued after the
    /// window; retries and delays are claimed as always. With null, every due run is claimed in process again.
    /// </summary>
    void HoldFreshRuns(TimeSpan? window);

    /// <summary>Hands runs the transport already claimed (marked Running) to the workers, waiting for free worker slots.</summary>
    Task EnqueueClaimedAsync(IReadOnlyList<long> runIds, CancellationToken cancellationToken);

    /// <summary>Asks the dispatcher to look for due runs now.</summary>
    void Wake();
}
