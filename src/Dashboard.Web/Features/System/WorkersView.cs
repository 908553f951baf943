using Dashboard.Runtime.Contracts;

namespace Dashboard.Web.Features.SystemStatus;

/// <summary>The System page's line about scale-out workers, as heard by heartbeat.</summary>
public static class WorkersView
{
    public static (string Value, string Detail) Describe(IReadOnlyList<WorkerStatus> workers)
    {
        var connected = workers.Where(w => !w.Lost).ToList();
        var lost = workers.Where(w => w.Lost).Select(w => w.Instance).ToList();
        var detail = connected.Count == 0
            ? "No worker has sent a heartbeat."
            : string.Join(", ", connected.Select(w => $"{w.Instance} ({w.RunsInFlight} running)"));
        if (lost.Count > 0)
        {
            detail += $"; lost: {string.Join(", ", lost)}";
        }

        return ($"{connected.Count} connected", detail);
    }
}
