using System.Text.Json;
using Dashboard.Runtime.Streaming;

namespace Dashboard.Web.Features.LiveEvents;

/// <summary>
/// The hub connections that subscribed with the same filter: one feed subscription and one pump for all of them, each
/// batch serialized once and handed to every connection's <see cref="LiveHubSender"/>. With many scripts on the same
/// stream, the feed offers each item once, one timer paces the batches, and the JSON is written once per batch instead
/// of once per connection.
/// </summary>
public sealed class LiveHubGroup : IDisposable
{
    private readonly Lock _gate = new();
    private readonly JsonSerializerOptions _json;
    private readonly LivePump _pump;
    private LiveHubSender[] _senders;

    public LiveHubGroup(LiveFeed feed, LiveFilter filter, LivePace pace, int maxItemsPerMessage, JsonSerializerOptions json, LiveHubSender first, ILogger logger)
    {
        _json = json;
        _senders = [first];
        _pump = LivePump.Start(feed, filter, pace, maxItemsPerMessage, Fan, logger);
    }

    public int Count => Volatile.Read(ref _senders).Length;

    public void Add(LiveHubSender sender)
    {
        lock (_gate)
        {
            _senders = [.. _senders, sender];
        }
    }

    /// <summary>Removes a connection; returns how many are left.</summary>
    public int Remove(LiveHubSender sender)
    {
        lock (_gate)
        {
            _senders = Array.FindAll(_senders, s => !ReferenceEquals(s, sender));
            return _senders.Length;
        }
    }

    private Task Fan(LiveBatch batch)
    {
        var senders = Volatile.Read(ref _senders);
        if ((batch.Items.Count == 0 && batch.Dropped == 0) || senders.Length == 0)
        {
            return Task.CompletedTask;
        }

        var items = SerializedLiveItems.Of(batch.Items, _json);
        foreach (var sender in senders)
        {
            sender.Enqueue(items, batch.Dropped);
        }

        return Task.CompletedTask;
    }

    public void Dispose() => _pump.Dispose();
}
