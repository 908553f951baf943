using Dashboard.Runtime.ScaleOut;

namespace Dashboard.Web.Features.SystemStatus;

/// <summary>The System page's line about scale-out workers, as heard by heartbeat.</summary>
public static class WorkersView
{
    public static (string Value, string Detail) Describe(IReadOnlyList<WorkerRegistry.WorkerState> workers)
    {
        var connected = workers.Where(w => !w.Lost).ToList();
        var lost = workers.Where(w => w.Lost).Select(w => w.Last.Instance).ToList();
        var detail = connected.Count == 0
            ? "No worker has sent a heartbeat."
            : string.Join(", ", connected.Select(w => $"{w.Last.Instance} ({w.Last.RunsInFlight} running)"));
        if (lost.Count > 0)
        {
            detail += $"; lost: {string.Join(", ", lost)}";
        }

        return ($"{connected.Count} connected", detail);
    }
}
