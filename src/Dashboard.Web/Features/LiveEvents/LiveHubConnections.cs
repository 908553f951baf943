using System.Collections.Concurrent;
using Dashboard.Runtime.Streaming;
using Microsoft.AspNetCore.SignalR;

namespace Dashboard.Web.Features.LiveEvents;

/// <summary>One live subscription per hub connection, each pumped to its client in coalesced batches.</summary>
public sealed class LiveHubConnections(LiveFeed feed, IHubContext<LiveHub> hub, ILogger<LiveHubConnections> logger) : IDisposable
{
    /// <summary>
    /// Up to 40 messages a second while each carries at most 100 items, so an item reaches a script within tens of
    /// milliseconds; a busier stream is coalesced, down to four messages a second.
    /// </summary>
    private static readonly LivePace Pace = new(TimeSpan.FromMilliseconds(25), TimeSpan.FromMilliseconds(250), BusyBatch: 100);
    private const int MaxItemsPerMessage = 1_000;
    private readonly ConcurrentDictionary<string, LivePump> _pumps = new(StringComparer.Ordinal);

    public int Count => _pumps.Count;

    public void Subscribe(string connectionId, LiveFilter filter)
    {
        var client = hub.Clients.Client(connectionId);
        var pump = LivePump.Start(feed, filter, Pace, MaxItemsPerMessage, batch => SendAsync(client, batch), logger);
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
