namespace Dashboard.Runtime.Contracts;

/// <summary>
/// The answer of a sync event that this instance forwarded instead of storing it (a scale-out worker): the instance
/// that stores the event passes its run's answer on. Registered only by a module that forwards events; without one,
/// sync events are answered from this instance's store.
/// </summary>
public interface ISyncAnswerRelay
{
    /// <summary>
    /// Called once the event was accepted for storage: the run's answer, also when it finished before the call (a
    /// retry of a finished event), or null when none came within <paramref name="timeout"/>.
    /// </summary>
    Task<SyncRunFinished?> WaitAsync(string source, string id, TimeSpan timeout, CancellationToken cancellationToken);
}
