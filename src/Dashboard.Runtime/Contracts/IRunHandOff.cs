namespace Dashboard.Runtime.Contracts;

/// <summary>
/// Lets ingestion claim runs in the commit that stores their event: a worker slot is reserved while the write is built,
/// and the run, inserted <c>Running</c>, goes from the committed write straight to that worker (no claim statement, no
/// load). Only the embedded dispatcher reserves, and only while it dispatches fresh runs itself.
/// </summary>
public interface IRunHandOff
{
    /// <summary>Reserves up to <paramref name="runs"/> free worker slots without waiting; returns how many it reserved (often 0).</summary>
    int TryReserve(int runs);

    /// <summary>Gives back reservations whose runs were not stored claimed (the request was refused or its write failed).</summary>
    void Release(int count);
}
