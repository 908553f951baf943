using Dashboard.Nats;
using Dashboard.Runtime.Definitions;
using Dashboard.Runtime.Eventing;
using Dashboard.Runtime.Ingestion;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Dashboard.Runtime.ScaleOut;

/// <summary>
/// On a worker: marks the catalog and token cache stale when the owner announces a change, after every reconnect
/// (announcements are core NATS and may be missed) and every <see cref="Refresh"/> as a safety net.
/// </summary>
public sealed class WorkerCatalogSync(
    NatsConnectionManager manager,
    DefinitionChangeNotifier changes,
    TokenCache tokens,
    IOptions<RuntimeOptions> runtime) : BackgroundService
{
    private static readonly TimeSpan Refresh = TimeSpan.FromSeconds(30);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!runtime.Value.IsWorker)
        {
            return;
        }

        try
        {
            var connection = await ScaleOutConnection.WaitAsync(manager, stoppingToken).ConfigureAwait(false);
            connection.StateChanged += OnStateChanged;
            await using var notices = await connection.SubscribeAsync(
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
    }

    private void OnStateChanged(object? sender, NatsConnectionStateChangedEventArgs e)
    {
        if (e.State == NatsConnectionState.Connected)
        {
            MarkStale();
        }
    }

    private void MarkStale()
    {
        changes.NotifyChanged();
        tokens.Invalidate();
    }
}
