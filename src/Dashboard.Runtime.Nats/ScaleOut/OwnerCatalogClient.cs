using System.Text.Json;
using Dashboard.Data.Entities;
using Dashboard.Data.Events;
using Dashboard.Runtime.Contracts;
using Dashboard.Runtime.Nats.Eventing;
using NATS.Client.Core;

namespace Dashboard.Runtime.Nats.ScaleOut;

/// <summary>A worker's catalog: definitions and tokens requested from the owner on <c>&lt;control&gt;.catalog</c>.</summary>
public sealed class OwnerCatalogClient(NatsConnectionManager manager) : ICatalogSource
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    public async Task<IReadOnlyList<CatalogDefinition>> LoadDefinitionsAsync(CancellationToken cancellationToken) =>
        (await RequestAsync(cancellationToken).ConfigureAwait(false)).Definitions;

    public async Task<IReadOnlyList<ApiToken>> LoadTokensAsync(CancellationToken cancellationToken) =>
        (await RequestAsync(cancellationToken).ConfigureAwait(false)).Tokens;

    private async Task<CatalogSnapshot> RequestAsync(CancellationToken cancellationToken)
    {
        var connection = manager.Connection ?? throw new EventStoreUnavailableException("not connected to NATS");
        try
        {
            var reply = await connection.RequestAsync<byte[], byte[]>(ScaleOutSubjects.Catalog(manager.Options.Nats.ControlSubjectPrefix),
                [], replyOpts: new NatsSubOpts { Timeout = Timeout }, cancellationToken: cancellationToken).ConfigureAwait(false);
            return JsonSerializer.Deserialize<CatalogSnapshot>(reply.Data ?? [])
                ?? throw new EventStoreUnavailableException("the owner sent an empty catalog");
        }
        catch (Exception ex) when (ex is not OperationCanceledException and not EventStoreUnavailableException)
        {
            throw new EventStoreUnavailableException($"the owner's catalog is unavailable: {ex.Message}", ex);
        }
    }
}
