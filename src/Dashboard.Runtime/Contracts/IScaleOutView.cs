namespace Dashboard.Runtime.Contracts;

/// <summary>The scale-out workers an owner hears from, for the System page; disabled unless a scale-out module serves workers.</summary>
public interface IScaleOutView
{
    bool Enabled { get; }

    IReadOnlyList<WorkerStatus> Workers { get; }
}

/// <summary>A worker as last heard: its name, start, runs in flight, when it was heard and whether it is now lost.</summary>
public sealed record WorkerStatus(string Instance, DateTimeOffset StartedAt, int RunsInFlight, DateTimeOffset LastSeen, bool Lost);
