using System.Collections.Concurrent;
using Dashboard.Runtime.Streaming;
using Microsoft.AspNetCore.SignalR;

namespace Dashboard.Web.Features.LiveEvents;

/// <summary>One live subscription per hub connection, each pumped to its client in coalesced batches.</summary>
public sealed class LiveHubConnections(LiveFeed feed, IHubContext<LiveHub> hub, ILogger<LiveHubConnections> logger) : IDisposable
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(250);
    private const int MaxItemsPerMessage = 1_000;
    private readonly ConcurrentDictionary<string, LivePump> _pumps = new(StringComparer.Ordinal);

    public int Count => _pumps.Count;

    public void Subscribe(string connectionId, LiveFilter filter)
    {
        var client = hub.Clients.Client(connectionId);
        var pump = LivePump.Start(feed, filter, LivePace.Fixed(Interval), MaxItemsPerMessage, batch => SendAsync(client, batch), logger);
        if (_pumps.TryGetValue(connectionId, out var previous) && _pumps.TryUpdate(connectionId, pump, previous))
        {
            previous.Dispose();
        }
        else if (!_pumps.TryAdd(connectionId, pump))
        {
            pump.Dispose();
        }
    }

    public void Remove(string connectionId)
    {
        if (_pumps.TryRemove(connectionId, out var pump))
        {
            pump.Dispose();
        }
    }

    private static Task SendAsync(IClientProxy client, LiveBatch batch) =>
        batch.Items.Count == 0 && batch.Dropped == 0
            ? Task.CompletedTask
            : client.SendAsync(LiveHub.ClientMethod, new LiveHubBatch(batch.Items, batch.Dropped));

    public void Dispose()
    {
        foreach (var id in _pumps.Keys)
        {
            Remove(id);
        }
    }
}
