using Dashboard.Data.Events;
using Dashboard.Data.Maintenance;
using Dashboard.Runtime.Ingestion;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Dashboard.Runtime.Retention;

/// <summary>
/// Applies the retention policy every <see cref="RetentionOptions.IntervalSeconds"/>: a batch at a time through the
/// store writer (so ingestion is never blocked for longer than one small delete), pausing between batches.
/// </summary>
public sealed partial class RetentionService(
    EventStoreWriter writer,
    RetentionCandidates candidates,
    DefinitionCatalog catalog,
    TimeProvider clock,
    IOptions<RetentionOptions> options,
    ILogger<RetentionService> logger) : BackgroundService
{
    /// <summary>Rows removed since start, by kind (events, rejected ledger rows, activity, forgotten identities).</summary>
    public RetentionTotals Totals { get; } = new();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = TimeSpan.FromSeconds(options.Value.IntervalSeconds);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await RunOnceAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogFailed(logger, ex);
            }

            await Task.Delay(interval, clock, stoppingToken).ConfigureAwait(false);
        }
    }

    /// <summary>One round: every policy until nothing more is due.</summary>
    public async Task RunOnceAsync(CancellationToken cancellationToken)
    {
        var policy = options.Value;
        var now = clock.GetUtcNow();
        var snapshot = await catalog.GetAsync(cancellationToken).ConfigureAwait(false);
        var own = new List<long>();
        foreach (var (key, retention) in policy.Definitions)
        {
            if (snapshot.All.FirstOrDefault(d => d.Key == key) is { } definition && retention.IsSet)
            {
                own.Add(definition.Id);
                await PruneEventsAsync(retention, definition.Id, own, now, cancellationToken).ConfigureAwait(false);
            }
        }

        if (policy.Events.IsSet)
        {
            await PruneEventsAsync(policy.Events, null, own, now, cancellationToken).ConfigureAwait(false);
        }

        if (own.Count > 0 || policy.Events.IsSet)
        {
            await WriteAsync([RetentionStatements.PruneSharedTraces(now)], cancellationToken).ConfigureAwait(false);
        }

        if (policy.RejectedLedgerKeepDays is { } ledgerDays)
        {
            await RepeatAsync(done => RetentionStatements.PruneRejectedLedger(now.AddDays(-ledgerDays), policy.BatchSize, done), Totals.AddLedger, cancellationToken).ConfigureAwait(false);
        }

        if (policy.ActivityKeepDays is { } activityDays)
        {
            await RepeatAsync(done => RetentionStatements.PruneActivity(now.AddDays(-activityDays), policy.BatchSize, done), Totals.AddActivity, cancellationToken).ConfigureAwait(false);
        }

        if (policy.DedupeWindowDays is { } windowDays)
        {
            await RepeatAsync(done => RetentionStatements.ForgetIdentities(now.AddDays(-windowDays), policy.BatchSize, done), Totals.AddIdentities, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task PruneEventsAsync(EventRetention retention, long? definitionId, List<long> own, DateTimeOffset now, CancellationToken cancellationToken)
    {
        while (true)
        {
            var seqs = await candidates.EventsAsync(retention, definitionId, own, now, options.Value.BatchSize, cancellationToken).ConfigureAwait(false);
            if (seqs.Count == 0)
            {
                return;
            }

            var deleted = 0;
            await WriteAsync(RetentionStatements.PruneEvents(seqs, now, count => deleted = count), cancellationToken).ConfigureAwait(false);
            Totals.AddEvents(deleted);
            if (deleted == 0 || seqs.Count < options.Value.BatchSize)
            {
                return;
            }

            await PauseAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task RepeatAsync(Func<Action<int>, StoreStatement> statement, Action<int> total, CancellationToken cancellationToken)
    {
        while (true)
        {
            var deleted = 0;
            await WriteAsync([statement(count => deleted = count)], cancellationToken).ConfigureAwait(false);
            total(deleted);
            if (deleted < options.Value.BatchSize)
            {
                return;
            }

            await PauseAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task WriteAsync(IReadOnlyList<StoreStatement> statements, CancellationToken cancellationToken)
    {
        var request = WriteRequest.ForStatements(statements);
        await writer.EnqueueAsync(request, cancellationToken).ConfigureAwait(false);
        await request.Completion.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    private Task PauseAsync(CancellationToken cancellationToken) =>
        Task.Delay(TimeSpan.FromMilliseconds(options.Value.BatchPauseMilliseconds), clock, cancellationToken);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A retention round failed; the next round tries again")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}

/// <summary>Rows retention removed since start.</summary>
public sealed class RetentionTotals
{
    private long _events;
    private long _ledger;
    private long _activity;
    private long _identities;

    public long Events => Interlocked.Read(ref _events);
    public long RejectedLedgerRows => Interlocked.Read(ref _ledger);
    public long Activity => Interlocked.Read(ref _activity);
    public long ForgottenIdentities => Interlocked.Read(ref _identities);

    internal void AddEvents(int count) => Interlocked.Add(ref _events, count);
    internal void AddLedger(int count) => Interlocked.Add(ref _ledger, count);
    internal void AddActivity(int count) => Interlocked.Add(ref _activity, count);
    internal void AddIdentities(int count) => Interlocked.Add(ref _identities, count);
}
