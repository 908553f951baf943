using Dashboard.CloudEventBindings;
using Dashboard.Data;
using Dashboard.Data.Entities;
using Dashboard.Runtime.Common;
using Dashboard.Runtime.Definitions;
using Dashboard.Runtime.Ingestion;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Dashboard.Runtime.Sources;

/// <summary>
/// Fires cron event definitions through the ingestion pipeline. Each fire is a CloudEvent whose id names the
/// schedule slot, so a slot fires at most once even across restarts. Slots missed while the app was down follow the
/// definition's policy (fire once, or skip), and the decision is recorded as activity.
/// </summary>
public sealed partial class CronScheduler(
    IDbContextFactory<DashboardDbContext> dbFactory,
    IngestionPipeline pipeline,
    ActivityRecorder activity,
    DefinitionChangeNotifier changes,
    TimeProvider clock,
    ILogger<CronScheduler> logger) : BackgroundService
{
    /// <summary>A slot this close to now is on time; older ones count as missed.</summary>
    public static readonly TimeSpan Grace = TimeSpan.FromSeconds(90);
    private static readonly TimeSpan MaxSleep = TimeSpan.FromSeconds(30);

    /// <summary>How soon a slot the store refused for now (429, 503) is fired again.</summary>
    private static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var wake = new SemaphoreSlim(0);
        changes.Changed += () => wake.Release();
        while (!stoppingToken.IsCancellationRequested)
        {
            var next = MaxSleep;
            try
            {
                next = await FireDueAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogFailed(logger, ex);
            }

            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
            timeout.CancelAfter(next < TimeSpan.FromMilliseconds(50) ? TimeSpan.FromMilliseconds(50) : next);
            try
            {
                await wake.WaitAsync(timeout.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
            {
            }
        }
    }

    /// <summary>Fires every due slot now; returns how long until the next one (at most 30 s).</summary>
    public async Task<TimeSpan> FireDueAsync(CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var definitions = await db.EventDefinitions.Include(e => e.Bindings)
            .Where(e => e.SourceKind == EventSourceKind.Cron && e.Enabled).ToListAsync(cancellationToken).ConfigureAwait(false);
        var now = clock.GetUtcNow();
        var sleep = MaxSleep;
        foreach (var definition in definitions)
        {
            if (CronSchedule.TryCreate(definition.CronExpression, definition.TimeZone) is not { } schedule)
            {
                continue;
            }

            var last = definition.LastFiredAt ?? definition.UpdatedAt;
            var (due, total) = schedule.Between(last, now, max: 1);
            if (total > 0)
            {
                var slot = due[^1];
                var missed = now - slot > Grace || total > 1;
                if (missed && definition.CronMissedFirePolicy == CronMissedFirePolicy.Skip)
                {
                    await NoteAsync(definition, $"skipped {total} missed fire time(s) up to {slot:u} (policy: skip)", cancellationToken).ConfigureAwait(false);
                }
                else
                {
                    if (!await FireAsync(definition, schedule, slot, total, cancellationToken).ConfigureAwait(false))
                    {
                        // Refused for now (429, 503): the slot stays due and fires again shortly; its event id names the
                        // slot, so a fire that was stored after all is answered as a duplicate, never stored twice.
                        sleep = RetryDelay < sleep ? RetryDelay : sleep;
                        continue;
                    }

                    if (missed)
                    {
                        await NoteAsync(definition, $"{total} fire time(s) were missed while stopped; fired once for {slot:u} (policy: fire once)", cancellationToken).ConfigureAwait(false);
                    }
                }

                definition.LastFiredAt = slot;
                await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            }

            var wait = schedule.Next(definition.LastFiredAt ?? last) - now;
            sleep = wait < sleep ? wait : sleep;
        }

        return sleep;
    }

    /// <summary>Ingests the slot's event; false when the store refused it for now (429, 503) and the slot must fire again.</summary>
    private async Task<bool> FireAsync(EventDefinition definition, CronSchedule schedule, DateTimeOffset slot, int slotsDue, CancellationToken cancellationToken)
    {
        var cloudEvent = CronEvents.ForSlot(definition, schedule, slot, slotsDue);
        var result = await pipeline.IngestAsync(new IngestionRequest
        {
            DefinitionId = definition.Id,
            ContentType = CloudEventMediaTypes.Structured,
            Headers = [],
            Body = CronEvents.Encode(cloudEvent),
            TrustedInitiator = $"cron:{definition.Key}",
        }, cancellationToken).ConfigureAwait(false);
        LogFired(logger, definition.Key, CronEvents.SlotText(slot), result.Status);
        return result.Status is not (429 or 503);
    }

    private async Task NoteAsync(EventDefinition definition, string message, CancellationToken cancellationToken)
    {
        var workflows = definition.Bindings.Select(b => (long?)b.WorkflowDefinitionId).DefaultIfEmpty(null);
        foreach (var workflowId in workflows)
        {
            await activity.RecordAsync(workflowId, "cron-missed", $"{definition.Key}: {message}", $"cron:{definition.Key}", cancellationToken).ConfigureAwait(false);
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Cron {Key} fired for {Slot}: {Status}")]
    private static partial void LogFired(ILogger logger, string key, string slot, int status);

    [LoggerMessage(Level = LogLevel.Error, Message = "Cron scheduling failed; retrying")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
