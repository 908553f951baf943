namespace Dashboard.Data.Events;

/// <summary>
/// One unit the writer commits atomically: the events of one request (a batch is all or nothing), with their
/// ledger rows, or a rejection's ledger row and activity entries, or other statements that should share the group
/// commit (workflow run progress). The caller awaits <see cref="Completion"/>.
/// </summary>
public sealed class WriteRequest
{
    private readonly TaskCompletionSource<IReadOnlyList<StoredEvent>> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public WriteRequest(IReadOnlyList<NewEvent> events, LedgerRow ledgerTemplate, IReadOnlyList<ActivityRow> activity, TokenUse? tokenUse)
    {
        Events = events;
        LedgerTemplate = ledgerTemplate;
        Activity = activity;
        TokenUse = tokenUse;
    }

    private readonly Action<Exception?>? _settled;

    private WriteRequest(IReadOnlyList<StoreStatement> statements, Action<Exception?>? settled)
        : this([], new LedgerRow(default, null, null, null, "", 0, null, null, null, null, null, null), [], null)
    {
        Statements = statements;
        _settled = settled;
    }

    /// <summary>Statements that carry no ledger row; null for ingestion requests.</summary>
    public IReadOnlyList<StoreStatement>? Statements { get; }

    /// <summary>True for an ingestion request (events or a rejection, with ledger rows).</summary>
    public bool IsIngestion => Statements is null;

    /// <summary>A request that only runs <paramref name="statements"/> inside the next group commit.</summary>
    public static WriteRequest ForStatements(IReadOnlyList<StoreStatement> statements) => new(statements, null);

    /// <summary>
    /// A request that runs <paramref name="statements"/> inside the next group commit and then calls <paramref name="settled"/>
    /// on the writer's thread, once: with null after the commit, or with the failure. The call saves the hand-off of a
    /// continuation to another thread; it must only publish, queue or signal, and must not throw.
    /// </summary>
    public static WriteRequest ForStatements(IReadOnlyList<StoreStatement> statements, Action<Exception?> settled) => new(statements, settled);

    /// <summary>Events to store; empty for a rejected request.</summary>
    public IReadOnlyList<NewEvent> Events { get; }

    /// <summary>The ledger row; for events its details go on each stored event's own row (M020), or on a duplicate's ledger row.</summary>
    public LedgerRow LedgerTemplate { get; }
    public IReadOnlyList<ActivityRow> Activity { get; }
    public TokenUse? TokenUse { get; }

    /// <summary>When the writer queued this ingestion request (a <see cref="TimeProvider"/> timestamp); 0 until then.</summary>
    internal long QueuedAt { get; set; }

    /// <summary>Completes after the transaction holding this request committed (results in event order).</summary>
    public Task<IReadOnlyList<StoredEvent>> Completion => _completion.Task;

    /// <summary>Completes the request (the store committed it, or in a worker instance JetStream acknowledged it).</summary>
    public void Complete(IReadOnlyList<StoredEvent> results)
    {
        if (_completion.TrySetResult(results))
        {
            _settled?.Invoke(null);
        }
    }

    public void Fail(Exception exception)
    {
        if (_completion.TrySetException(exception))
        {
            _settled?.Invoke(exception);
        }
    }
}
