using Dashboard.Runtime.Contracts;
using Dashboard.Runtime.Workflows.Store;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Runtime.Workflows.Running;

public sealed partial class WorkflowDispatcher
{
    Task IDispatchControl.EnqueueClaimedAsync(IReadOnlyList<long> runIds, CancellationToken cancellationToken) =>
        EnqueueClaimedAsync(runIds, cancellationToken);

    /// <summary>Hands claimed runs (marked Running) to the workers, waiting for free worker slots.</summary>
    private async Task EnqueueClaimedAsync(IReadOnlyList<long> runIds, CancellationToken cancellationToken)
    {
        if (runIds.Count == 0)
        {
            return;
        }

        // Registered before the load, so a cancel committed after it still reaches the run.
        var registrations = runIds.ToDictionary(id => id, cancellations.Register);
        try
        {
            IReadOnlyList<RunRecord>? runs = null;
            try
            {
                runs = await storage.LoadManyAsync(runIds, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogLoadFailed(logger, ex, runIds.Count);
            }

            // A run without a record from the batch (none loaded, or not found) is loaded by its worker itself.
            var loaded = runs?.ToDictionary(r => r.Id) ?? [];
            var items = runIds.Select(id => loaded.TryGetValue(id, out var run) ? new ClaimedRun(id, run, registrations[id]) : new ClaimedRun(id, null, null));
            foreach (var item in items)
            {
                await _slots.WaitAsync(cancellationToken).ConfigureAwait(false);
                await _work.Writer.WriteAsync(item, cancellationToken).ConfigureAwait(false);
                if (item.Cancel is not null)
                {
                    registrations.Remove(item.Id);
                }
            }
        }
        finally
        {
            foreach (var left in registrations.Values)
            {
                left.Dispose();
            }
        }
    }

    private async Task WorkAsync(CancellationToken stoppingToken)
    {
        await foreach (var item in _work.Reader.ReadAllAsync(stoppingToken).ConfigureAwait(false))
        {
            // Only a run that went back to the queue (a retry, a delay, a crash) makes the loop claim again.
            var requeued = true;
            var end = new RunEnd((requeuedAtEnd, failure) => Settled(item, requeuedAtEnd, failure, stoppingToken));
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var executor = scope.ServiceProvider.GetRequiredService<RunExecutor>();
                requeued = await ExecuteAsync(scope.ServiceProvider, executor, item, end, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                LogRunCrashed(logger, ex, item.Id);
                await RequeueAfterCrashAsync(item.Id, stoppingToken).ConfigureAwait(false);
            }
            finally
            {
                if (!end.HandedOff)
                {
                    Finished(item, requeued);
                }
            }
        }
    }

    /// <summary>
    /// The last write of a run's execution settled (on the store's thread). Committed: the run's end is done here. Failed: as
    /// when the execution throws, the run goes back to the queue after a pause, off the store's thread; while shutting down it
    /// stays Running for the next start's recovery.
    /// </summary>
    private void Settled(ClaimedRun item, bool requeued, Exception? failure, CancellationToken stoppingToken)
    {
        if (failure is null || (failure is OperationCanceledException && stoppingToken.IsCancellationRequested))
        {
            Finished(item, requeued);
            return;
        }

        _ = Task.Run(async () =>
        {
            try
            {
                LogRunCrashed(logger, failure, item.Id);
                await RequeueAfterCrashAsync(item.Id, stoppingToken).ConfigureAwait(false);
            }
            finally
            {
                Finished(item, requeued: true);
            }
        }, CancellationToken.None);
    }

    /// <summary>The worker's end of a run: its cancel registration goes, its slot is freed, and the loop is woken if it needs to be.</summary>
    private void Finished(ClaimedRun item, bool requeued)
    {
        item.Cancel?.Dispose();
        _slots.Release();
        if (requeued || !HandOffEnabled)
        {
            Wake();
        }
        else
        {
            SlotFreed();
        }
    }

    /// <summary>Runs one item: a loaded run, a run claimed at ingestion (its record built here, off the writer's thread), or an id.</summary>
    private async Task<bool> ExecuteAsync(IServiceProvider services, RunExecutor executor, ClaimedRun item, RunEnd end, CancellationToken stoppingToken)
    {
        if (item.Cancel is null)
        {
            return await executor.ExecuteAsync(item.Id, stoppingToken).ConfigureAwait(false);
        }

        var run = item.Run;
        if (run is null && item.Stored is { } stored)
        {
            var catalog = services.GetRequiredService<Ingestion.DefinitionCatalog>();
            run = stored.ToRecord(await catalog.GetAsync(stoppingToken).ConfigureAwait(false), runtime.Value.EffectiveInstanceName)
                ?? await storage.LoadAsync(item.Id, stoppingToken).ConfigureAwait(false);
        }

        return run is not null && await executor.ExecuteAsync(run, item.Cancel, stoppingToken, end).ConfigureAwait(false);
    }

    /// <summary>A run whose execution threw goes back to the queue after a pause, resuming at its last completed step.</summary>
    private async Task RequeueAfterCrashAsync(long runId, CancellationToken stoppingToken)
    {
        var now = clock.GetUtcNow();
        try
        {
            await storage.WriteAsync([RunStatements.Requeue(runId, now.AddSeconds(30), now)], stoppingToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogRunCrashed(logger, ex, runId);
        }
    }

    /// <summary>
    /// A claimed run for a worker: loaded, or claimed in its event's commit (<see cref="Stored"/>), with its cancel
    /// registration; or only its id when the batch load failed.
    /// </summary>
    private sealed record ClaimedRun(long Id, RunRecord? Run, RunCancellations.Registration? Cancel)
    {
        public StoredRun? Stored { get; init; }
    }
}
