using System.Threading.Channels;
using Dashboard.Data.Events;
using Dashboard.Runtime.Contracts;
using Dashboard.Runtime.Workflows.Store;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Dashboard.Runtime.Workflows.Running;

/// <summary>
/// Claims due runs (new, retrying, or resuming after a delay) from SQLite in batches and hands them to a fixed set of
/// workers through a bounded queue; each run executes in its own DI scope. It claims only as many runs as there are
/// free workers (the claim commits in the event writer's group commit), loads each claimed batch in one read, wakes
/// when ingestion commits runs, when a worker frees up, or when the next waiting run is due, and at startup
/// re-queues the runs a previous process left Running. Runs of sync events (<see cref="SyncRunQueue"/>) are claimed
/// first, also while fresh runs are left to a transport: their callers wait. In embedded mode a run whose event arrives
/// while a worker is free is claimed in the commit that stores the event (<see cref="IRunHandOff"/>). It claims from the
/// store only when there may be a due queued run: after new queued runs, a wake, a run that went back to the queue, or
/// when the next waiting run is due; a worker that finishes a run only frees its slot.
/// </summary>
public sealed partial class WorkflowDispatcher(
    RunStore store,
    RunClaims claims,
    SyncRunQueue syncRuns,
    RunCancellations cancellations,
    IRunStorage storage,
    IServiceScopeFactory scopes,
    TimeProvider clock,
    IOptions<WorkflowOptions> options,
    IOptions<Common.RuntimeOptions> runtime,
    ILogger<WorkflowDispatcher> logger) : BackgroundService, IDispatchControl, ICommittedWritesListener, IRunHandOff
{
    private readonly Channel<bool> _wake = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private readonly Channel<ClaimedRun> _work = Channel.CreateBounded<ClaimedRun>(options.Value.Workers);
    private readonly SemaphoreSlim _slots = new(options.Value.Workers, options.Value.Workers);

    /// <summary>Runs claimed and not yet finished by a worker.</summary>
    public int InFlight => options.Value.Workers - _slots.CurrentCount;

    private long _holdSinceMs;
    private long _holdWindowMs;

    /// <summary>1 while a due queued run may be waiting in the store: the next loop claims. Set by every <see cref="Wake"/>.</summary>
    private int _lookForQueued = 1;

    /// <summary>
    /// 1 from just before the loop reads how many worker slots are free until it finds one: only then does a worker that frees
    /// its slot wake the loop (<see cref="SlotFreed"/>). A loop that found free slots has nothing a freed slot would let it
    /// do; it waits for a wake, a due run or the poll interval.
    /// </summary>
    private int _waitingForSlot;

    /// <summary>Asks the dispatcher to look for due runs now (after a replay, a cancel, or new runs).</summary>
    public void Wake()
    {
        Volatile.Write(ref _lookForQueued, 1);
        Signal();
    }

    /// <summary>Wakes the loop without asking it to claim (a worker slot came free; sync events may be waiting).</summary>
    private void Signal() => _wake.Writer.TryWrite(true);

    /// <summary>
    /// A worker freed its slot: wakes the loop only if it found none free. The exchange is a full fence after the slot's
    /// release, and the loop sets the flag with a full fence before it counts the free slots, so one of the two sees the other.
    /// </summary>
    private void SlotFreed()
    {
        if (Interlocked.Exchange(ref _waitingForSlot, 0) == 1)
        {
            Signal();
        }
    }

    int IDispatchControl.FreeSlots => _slots.CurrentCount;

    /// <summary>True while fresh runs are left to a transport (see <see cref="IDispatchControl.HoldFreshRuns"/>).</summary>
    private bool IsHoldingFreshRuns => Interlocked.Read(ref _holdWindowMs) > 0;

    void IDispatchControl.HoldFreshRuns(TimeSpan? window)
    {
        if (window is { } held && held > TimeSpan.Zero)
        {
            Interlocked.Exchange(ref _holdSinceMs, clock.GetUtcNow().ToUnixTimeMilliseconds());
            Interlocked.Exchange(ref _holdWindowMs, Math.Max(1, (long)held.TotalMilliseconds));
        }
        else
        {
            Interlocked.Exchange(ref _holdWindowMs, 0);
        }

        Wake();
    }

    private RunHold? CurrentHold()
    {
        var window = Interlocked.Read(ref _holdWindowMs);
        return window > 0 ? new RunHold(Interlocked.Read(ref _holdSinceMs), window) : null;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await RecoverAsync(stoppingToken).ConfigureAwait(false);
            EnableHandOff();
            var workers = Enumerable.Range(0, options.Value.Workers).Select(_ => Task.Run(() => WorkAsync(stoppingToken), stoppingToken)).ToList();
            await DispatchAsync(stoppingToken).ConfigureAwait(false);
            _work.Writer.TryComplete();
            await Task.WhenAll(workers).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task RecoverAsync(CancellationToken cancellationToken)
    {
        var interrupted = await store.RequeueInterruptedAsync(cancellationToken).ConfigureAwait(false);
        if (interrupted.Count == 0)
        {
            return;
        }

        var now = clock.GetUtcNow();
        LogRecovered(logger, interrupted.Count);
        await storage.WriteAsync(interrupted.Select(r => RunStatements.Activity(now, r.WorkflowId, ActivityKinds.RunResumed,
            $"run {r.RunId} interrupted by a restart; resuming at step {r.StepIndex + 1}", "system: restart", r.EventSeq, r.RunId)).ToList(),
            cancellationToken).ConfigureAwait(false);
    }

    private async Task DispatchAsync(CancellationToken stoppingToken)
    {
        var poll = TimeSpan.FromSeconds(options.Value.PollIntervalSeconds);
        var lookAt = clock.GetUtcNow();
        while (!stoppingToken.IsCancellationRequested)
        {
            Interlocked.Exchange(ref _waitingForSlot, 1);
            var free = _slots.CurrentCount;
            var wait = poll;
            if (free > 0)
            {
                Volatile.Write(ref _waitingForSlot, 0);
                try
                {
                    free = await ClaimSyncRunsAsync(free, stoppingToken).ConfigureAwait(false);
                    if (free == 0)
                    {
                        continue;
                    }

                    if (Interlocked.Exchange(ref _lookForQueued, 0) == 1 || clock.GetUtcNow() >= lookAt)
                    {
                        var hold = CurrentHold();
                        var limit = Math.Min(free, options.Value.ClaimBatchSize);
                        var claimed = await claims.ClaimAsync(limit, hold, stoppingToken).ConfigureAwait(false);
                        await EnqueueClaimedAsync(claimed, stoppingToken).ConfigureAwait(false);
                        if (claimed.Count > 0 && claimed.Count == limit)
                        {
                            // There may be more: claim again as soon as workers are free.
                            Volatile.Write(ref _lookForQueued, 1);
                            continue;
                        }

                        var now = clock.GetUtcNow();
                        var due = await store.NextDueAsync(hold, stoppingToken).ConfigureAwait(false);
                        lookAt = due is { } at && at - now < poll ? at : now + poll;
                    }

                    var untilLook = lookAt - clock.GetUtcNow();
                    wait = untilLook < TimeSpan.Zero ? TimeSpan.Zero : untilLook;
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    Volatile.Write(ref _lookForQueued, 1);
                    LogClaimFailed(logger, ex);
                }
            }

            await WaitForWakeAsync(wait, stoppingToken).ConfigureAwait(false);
        }
    }

    /// <summary>Claims the runs of waiting sync events first; returns the worker slots left free.</summary>
    private async Task<int> ClaimSyncRunsAsync(int free, CancellationToken stoppingToken)
    {
        var events = syncRuns.Take(free);
        if (events.Count == 0)
        {
            return free;
        }

        var claimed = await claims.ClaimForEventsAsync(events, stoppingToken).ConfigureAwait(false);
        await EnqueueClaimedAsync(claimed, stoppingToken).ConfigureAwait(false);
        return _slots.CurrentCount;
    }

    private async Task WaitForWakeAsync(TimeSpan wait, CancellationToken stoppingToken)
    {
        if (wait <= TimeSpan.Zero)
        {
            // A due run waits for a slot: a worker that frees one wakes the loop.
            Interlocked.Exchange(ref _waitingForSlot, 1);
            if (_slots.CurrentCount > 0)
            {
                Volatile.Write(ref _waitingForSlot, 0);
                return;
            }
        }

        using var timer = new CancellationTokenSource(wait <= TimeSpan.Zero ? TimeSpan.FromMilliseconds(50) : wait, clock);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, timer.Token);
        try
        {
            await _wake.Reader.ReadAsync(linked.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
        {
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Loading {Count} claimed run(s) failed; each worker loads its own")]
    private static partial void LogLoadFailed(ILogger logger, Exception exception, int count);

    [LoggerMessage(Level = LogLevel.Information, Message = "Resuming {Count} run(s) interrupted by a restart")]
    private static partial void LogRecovered(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Claiming runs failed; retrying shortly")]
    private static partial void LogClaimFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Run {RunId} stopped unexpectedly; it is queued again")]
    private static partial void LogRunCrashed(ILogger logger, Exception exception, long runId);
}
