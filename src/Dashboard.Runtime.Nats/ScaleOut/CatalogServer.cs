using System.Text.Json;
using Dashboard.Runtime.Access;
using Dashboard.Runtime.Definitions;
using Dashboard.Runtime.Ingestion;
using Dashboard.Runtime.Nats.Eventing;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using NATS.Client.Core;

namespace Dashboard.Runtime.Nats.ScaleOut;

/// <summary>
/// On the owner (Runtime:ScaleOut): answers workers' catalog requests on <c>&lt;control&gt;.catalog</c> with the
/// definitions (HMAC keys included) and tokens (hashes only), and announces every change on <c>&lt;control&gt;.changed</c>.
/// </summary>
public sealed partial class CatalogServer(
    NatsConnectionManager manager,
    StoreCatalogSource source,
    DefinitionChangeNotifier changes,
    ApiTokenService tokens,
    ILogger<CatalogServer> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var connection = await manager.WaitForConnectionAsync(stoppingToken).ConfigureAwait(false);
        var control = manager.Options.Nats.ControlSubjectPrefix;
        changes.Changed += Announce;
        tokens.Changed += Announce;
        try
        {
            await using var requests = await connection.SubscribeCoreAsync<byte[]>(ScaleOutSubjects.Catalog(control), cancellationToken: stoppingToken)
                .ConfigureAwait(false);
            Announce();
            await foreach (var request in requests.Msgs.ReadAllAsync(stoppingToken).ConfigureAwait(false))
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

    private async Task AnnounceAsync(NatsConnection connection, string control)
    {
        try
        {
            await connection.PublishAsync(ScaleOutSubjects.CatalogChanged(control)).ConfigureAwait(false);
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
