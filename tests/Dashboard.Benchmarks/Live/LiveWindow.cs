using Dashboard.Benchmarks.Measure;

namespace Dashboard.Benchmarks.Live;

/// <summary>Who watches during one measured window.</summary>
public enum LiveViewers
{
    None,
    Browser,
    HubClients,
    Both,
}

/// <summary>
/// One measured window: the app's CPU over the send plus a tail (null without the app's pid), what was accepted, what
/// the viewers connected for this window received, and the share of the window the browser's page spent in tasks on
/// its main thread (NaN without the browser).
/// </summary>
public sealed record LiveWindow(
    LiveViewers Viewers,
    AppCpuSample? Cpu,
    int Accepted,
    double[] BrowserLatencies,
    double[] HubLatencies,
    int HubClients,
    int HubMissing,
    long HubMessages,
    long HubItems,
    double BrowserMainThreadBusy = double.NaN)
{
    public bool HasBrowser => Viewers is LiveViewers.Browser or LiveViewers.Both;

    /// <summary>Clients connected during the window (the browser's circuit counts as one).</summary>
    public int Clients => (HasBrowser ? 1 : 0) + HubClients;

    /// <summary>
    /// Items the app delivered to viewers: every accepted event to the browser's circuit (it receives all of them and
    /// renders at most a view's worth per batch) plus the items the hub clients received.
    /// </summary>
    public long Delivered => (HasBrowser ? Accepted : 0) + HubItems;

    /// <summary>The app's CPU per accepted event over the window, µs (NaN when not measured).</summary>
    public double MicrosecondsPerEvent => Cpu is null || Accepted == 0 ? double.NaN : Cpu.CpuSeconds * 1e6 / Accepted;

    /// <summary>The app's CPU over the window in % of one core (NaN when not measured).</summary>
    public double PercentOfCore => Cpu is null ? double.NaN : Cpu.MicrosecondsPerSecond / 1e4;

    public string Label => Viewers switch
    {
        LiveViewers.None => "A",
        LiveViewers.Both => "B",
        LiveViewers.HubClients => "H",
        _ => "W",
    };
}
