using Dashboard.Runtime.Contracts;
using Dashboard.Runtime.Streaming;
using Dashboard.Runtime.Workflows.Store;

namespace Dashboard.Runtime.Nats.ScaleOut;

/// <summary>A worker asks the owner to claim the fresh runs of an event for it; a retry carries the same <see cref="RequestId"/>.</summary>
public sealed record RunClaimRequest(string RequestId, string Instance, long[] EventSeqs);

public sealed record RunLoadRequest(long RunId);

/// <summary>A worker's run writes, committed together by the owner; a retry carries the same <see cref="RequestId"/>.</summary>
public sealed record RunWriteRequest(string RequestId, string Instance, IReadOnlyList<RunWrite> Writes);

/// <summary>One write: the typed change and the live-feed notice the owner publishes after its commit.</summary>
public sealed record RunWrite(RunChange Change, LiveItem? Notice, LiveItem? DerivedActivity = null);

/// <summary>The owner's answer: a value, or why it could not answer (the worker retries).</summary>
public sealed record RunReply<T>(T? Value, string? Error);

/// <summary>Subjects of run traffic between workers and the owner (request/reply on core NATS).</summary>
public static class RunSubjects
{
    public static string All(string controlPrefix) => $"{controlPrefix}.runs.*";

    public static string Claim(string controlPrefix) => $"{controlPrefix}.runs.claim";

    public static string Load(string controlPrefix) => $"{controlPrefix}.runs.load";

    public static string Steps(string controlPrefix) => $"{controlPrefix}.runs.steps";

    public static string Write(string controlPrefix) => $"{controlPrefix}.runs.write";
}
