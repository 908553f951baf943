using System.Text.Json;
using Dashboard.Runtime.Access;
using Dashboard.Runtime.Definitions;
using Dashboard.Runtime.Eventing;
using Dashboard.Runtime.Ingestion;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Dashboard.Runtime.ScaleOut;

/// <summary>
/// On the owner (Runtime:ScaleOut): answers workers' catalog requests on <c>&lt;control&gt;.catalog</c> with the
/// definitions (HMAC keys included) and tokens (hashes only), and announces every change on <c>&lt;control&gt;.changed</c>.
/// </summary>
public sealed partial class CatalogServer(
    NatsConnectionManager manager,
    StoreCatalogSource source,
    DefinitionChangeNotifier changes,
    ApiTokenService tokens,
    IOptions<RuntimeOptions> runtime,
    ILogger<CatalogServer> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!runtime.Value.IsScaleOutOwner)
        {
            return;
        }

        var connection = await ScaleOutConnection.WaitAsync(manager, stoppingToken).ConfigureAwait(false);
        var control = manager.Options.Nats.ControlSubjectPrefix;
        changes.Changed += Announce;
        tokens.Changed += Announce;
        try
        {
            await using var requests = await connection.SubscribeAsync(ScaleOutSubjects.Catalog(control), cancellationToken: stoppingToken).ConfigureAwait(false);
            Announce();
            await foreach (var request in requests.ReadAllAsync(stoppingToken).ConfigureAwait(false))
            {
                try
                {
                    var snapshot = new CatalogSnapshot(
                        await source.LoadDefinitionsAsync(stoppingToken).ConfigureAwait(false),
                        await source.LoadTokensAsync(stoppingToken).ConfigureAwait(false));
                    await request.ReplyAsync(JsonSerializer.SerializeToUtf8Bytes(snapshot), cancellationToken: stoppingToken).ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
                {
                    LogReplyFailed(logger, ex);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            changes.Changed -= Announce;
            tokens.Changed -= Announce;
        }

        void Announce() => _ = AnnounceAsync(connection, control);
    }

    private async Task AnnounceAsync(Dashboard.Nats.NatsConnection connection, string control)
    {
        try
        {
            await connection.PublishAsync(ScaleOutSubjects.CatalogChanged(control), ReadOnlyMemory<byte>.Empty).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            LogAnnounceFailed(logger, ex.Message);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Answering a worker's catalog request failed")]
    private static partial void LogReplyFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Announcing a catalog change to workers failed: {Reason}")]
    private static partial void LogAnnounceFailed(ILogger logger, string reason);
}

internal static class ScaleOutConnection
{
    /// <summary>Waits for the connection manager's connection (it reconnects and re-subscribes on its own).</summary>
    public static async Task<Dashboard.Nats.NatsConnection> WaitAsync(NatsConnectionManager manager, CancellationToken cancellationToken)
    {
        while (true)
        {
            if (manager.Connection is { } connection)
            {
                return connection;
            }

            await Task.Delay(100, cancellationToken).ConfigureAwait(false);
        }
    }
}
