namespace Dashboard.Runtime.Nats.Eventing;

/// <summary>
/// The one pull request an instance keeps open on the shared durable consumer, and how many messages it may still
/// bring (the credit). The worker asks only for what its free workers can start, so a message the server delivers here
/// is always one that can run here, and nothing has to be handed back (a NAK counts as a delivery towards MaxDeliver).
/// One request at a time because the server delivers a message with its own subject, not the request's reply subject:
/// with several requests open a message could not be told apart, and the server spreads deliveries over the requests it
/// holds. Times are milliseconds on any monotonic clock.
/// </summary>
public sealed class PullCredit
{
    private long _nextId;
    private long _openId;
    private long _deadline;

    /// <summary>Messages the open request may still bring (0 when none is open).</summary>
    public int Credit { get; private set; }

    /// <summary>True while a request is open.</summary>
    public bool IsOpen => _openId != 0;

    /// <summary>How many messages to ask for now, given <paramref name="free"/> workers and at most <paramref name="maxCredit"/>; 0 for none.</summary>
    public int ToRequest(int free, int maxCredit) => IsOpen ? 0 : Math.Max(0, Math.Min(free, maxCredit));

    /// <summary>Records a request for <paramref name="batch"/> messages that ends by <paramref name="deadline"/>; returns its id.</summary>
    public long Open(int batch, long deadline)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(batch, 1);
        if (IsOpen)
        {
            throw new InvalidOperationException("A pull request is already open.");
        }

        _openId = ++_nextId;
        _deadline = deadline;
        Credit = batch;
        return _openId;
    }

    /// <summary>A message arrived: it counts against the open request (one that arrives after its request ended is not owed).</summary>
    public void Delivered()
    {
        if (!IsOpen)
        {
            return;
        }

        if (--Credit == 0)
        {
            _openId = 0;
        }
    }

    /// <summary>The server ended request <paramref name="id"/> (expired, or a status such as 409): what it did not bring is no longer owed.</summary>
    public void Ended(long id)
    {
        if (id == _openId)
        {
            Close();
        }
    }

    /// <summary>Ends the open request when its deadline passed without an answer (a request the server dropped, a reconnect).</summary>
    public void ExpireBefore(long now)
    {
        if (IsOpen && _deadline < now)
        {
            Close();
        }
    }

    private void Close()
    {
        _openId = 0;
        Credit = 0;
    }
}
