using Dashboard.Runtime.Streaming;

namespace Dashboard.Web.Features.LiveEvents;

/// <summary>
/// What the live events page shows, without a renderer: a bounded ring of rows (newest first), pause/resume with a
/// bounded backlog, arrival counters and a per-second rate meter. The page feeds it whole batches.
/// </summary>
public sealed class LiveEventsViewState
{
    private readonly RingBuffer<LiveItem> _rows;
    private readonly RingBuffer<LiveItem> _backlog;
    private readonly RateMeter _rate = new();
    private long _backlogOverflow;

    public LiveEventsViewState(int capacity)
    {
        _rows = new RingBuffer<LiveItem>(capacity);
        _backlog = new RingBuffer<LiveItem>(capacity);
    }

    public bool Paused { get; private set; }

    /// <summary>Everything that arrived since the page opened (or the filter changed).</summary>
    public long Arrived { get; private set; }

    /// <summary>Arrivals while paused; shown on the pause banner and kept until resume.</summary>
    public long ArrivedWhilePaused { get; private set; }

    /// <summary>How many arrived during the last pause; set on resume.</summary>
    public long? LastBacklog { get; private set; }

    /// <summary>Older rows pushed out of view by the ring buffer, including backlog overflow while paused.</summary>
    public long DroppedFromView => _rows.Dropped + _backlog.Dropped + _backlogOverflow;

    /// <summary>Items the server dropped because this viewer fell behind.</summary>
    public long DroppedByServer { get; private set; }

    public int Capacity => _rows.Capacity;

    public IEnumerable<LiveItem> Rows => _rows.NewestFirst();

    public int RowCount => _rows.Count;

    /// <summary>Applies one batch; returns true when what is on screen changed.</summary>
    public bool Apply(LiveBatch batch, DateTimeOffset now)
    {
        var arrivals = new List<LiveItem>(batch.Items.Count);
        var updated = false;
        foreach (var item in batch.Items)
        {
            // A sync caller's answer updates the status of its event's row when that row is still kept.
            if (item.SyncAnswer && (UpdateStatus(_rows, item) || UpdateStatus(_backlog, item)))
            {
                updated = true;
                continue;
            }

            arrivals.Add(item);
        }

        _rate.Record(now, arrivals.Count);
        DroppedByServer += batch.Dropped;
        Arrived += arrivals.Count;
        if (Paused)
        {
            ArrivedWhilePaused += arrivals.Count;
            _backlog.AddRange(arrivals);
            return updated || arrivals.Count > 0 || batch.Dropped > 0;
        }

        _rows.AddRange(arrivals);
        return updated || arrivals.Count > 0 || batch.Dropped > 0;
    }

    private static bool UpdateStatus(RingBuffer<LiveItem> items, LiveItem answer) =>
        items.ReplaceNewest(row => row.LedgerId == answer.LedgerId && row.Kind == LiveItemKind.Ingestion, row => row with { Status = answer.Status });

    public void Pause()
    {
        if (!Paused)
        {
            Paused = true;
            ArrivedWhilePaused = 0;
            LastBacklog = null;
        }
    }

    /// <summary>Shows what arrived while paused and remembers how much that was.</summary>
    public void Resume()
    {
        if (!Paused)
        {
            return;
        }

        Paused = false;
        LastBacklog = ArrivedWhilePaused;
        _backlogOverflow += _backlog.Dropped;
        _rows.AddRange(_backlog);
        _backlog.Clear();
        ArrivedWhilePaused = 0;
    }

    /// <summary>Empties the view (after a filter change).</summary>
    public void Reset()
    {
        _rows.Clear();
        _backlog.Clear();
        _backlogOverflow = 0;
        Arrived = ArrivedWhilePaused = DroppedByServer = 0;
        LastBacklog = null;
    }

    public double Rate(DateTimeOffset now) => _rate.Rate(now);

    public long[] Sparkline(DateTimeOffset now) => _rate.Series(now);
}
