using Dashboard.Runtime.Definitions;
using Dashboard.Runtime.Ingestion;
using Dashboard.Runtime.Nats.Eventing;
using Microsoft.Extensions.Hosting;
using NATS.Client.Core;

namespace Dashboard.Runtime.Nats.ScaleOut;

/// <summary>
/// On a worker: marks the catalog and token cache stale when the owner announces a change, after every reconnect
/// (announcements are core NATS and may be missed) and every <see cref="Refresh"/> as a safety net.
/// </summary>
public sealed class WorkerCatalogSync(
    NatsConnectionManager manager,
    DefinitionChangeNotifier changes,
    TokenCache tokens) : BackgroundService
{
    private static readonly TimeSpan Refresh = TimeSpan.FromSeconds(30);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        manager.Reconnected += MarkStale;
        try
        {
            var connection = await manager.WaitForConnectionAsync(stoppingToken).ConfigureAwait(false);
            await using var notices = await connection.SubscribeCoreAsync<byte[]>(
                ScaleOutSubjects.CatalogChanged(manager.Options.Nats.ControlSubjectPrefix), cancellationToken: stoppingToken).ConfigureAwait(false);
            while (!stoppingToken.IsCancellationRequested)
            {
                using var wait = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
                wait.CancelAfter(Refresh);
                try
                {
                    await notices.Msgs.WaitToReadAsync(wait.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
                {
                }

                while (notices.Msgs.TryRead(out _))
                {
                }

                MarkStale();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            manager.Reconnected -= MarkStale;
        }
    }

    private void MarkStale()
    {
        changes.NotifyChanged();
        tokens.Invalidate();
    }
}
