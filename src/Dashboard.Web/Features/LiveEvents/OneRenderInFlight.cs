namespace Dashboard.Web.Features.LiveEvents;

/// <summary>
/// Keeps at most one render of a live view on its way to the browser. Blazor Server sends a render batch without
/// waiting for the browser to apply the one before (up to ten may be unacknowledged), so a browser that applies batches
/// a little slower than they come queues them in its own task queue and shows every row up to a second late. Here a
/// render starts only once the browser has acknowledged the previous one (a component's <c>OnAfterRender</c> runs on
/// that acknowledgement); what arrives meanwhile is merged into that next render.
/// </summary>
/// <remarks>
/// Not thread-safe: call it from the component's renderer context. A render unacknowledged for <paramref name="staleAfter"/>
/// (a lost circuit message) no longer holds renders back.
/// </remarks>
public sealed class OneRenderInFlight(TimeProvider clock, TimeSpan staleAfter)
{
    private bool _inFlight;
    private bool _wanted;
    private long _startedAt;

    public OneRenderInFlight(TimeProvider clock)
        : this(clock, TimeSpan.FromSeconds(5))
    {
    }

    /// <summary>A render is wanted. True: render now. False: one is in flight; the render follows its acknowledgement.</summary>
    public bool Request()
    {
        if (_inFlight && clock.GetElapsedTime(_startedAt) < staleAfter)
        {
            _wanted = true;
            return false;
        }

        Start();
        return true;
    }

    /// <summary>The browser applied a render. True: a render was wanted meanwhile; render now.</summary>
    public bool Acknowledged()
    {
        _inFlight = false;
        if (!_wanted)
        {
            return false;
        }

        Start();
        return true;
    }

    private void Start()
    {
        _inFlight = true;
        _wanted = false;
        _startedAt = clock.GetTimestamp();
    }
}
