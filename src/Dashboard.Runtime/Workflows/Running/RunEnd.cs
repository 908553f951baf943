namespace Dashboard.Runtime.Workflows.Running;

/// <summary>
/// Lets an execution hand its last write to the store without waiting for the commit. The worker's end of the run (its
/// cancel registration, its slot, waking the dispatcher) is then done once that write settles, by the store, instead of by
/// the worker after the execution returns; the worker meanwhile takes its next run. A run whose last write did not commit
/// is still Running in the store, so a crash re-runs it as before.
/// </summary>
internal sealed class RunEnd(Action<bool, Exception?> ended)
{
    /// <summary>True once the last write was handed over: the worker leaves the end of the run to <see cref="HandOff"/>'s call.</summary>
    public bool HandedOff { get; private set; }

    /// <summary>The call the store makes when the last write settled; <paramref name="requeued"/> says whether the run went back to the queue.</summary>
    public Action<Exception?> HandOff(bool requeued)
    {
        HandedOff = true;
        return failure => ended(requeued, failure);
    }
}
