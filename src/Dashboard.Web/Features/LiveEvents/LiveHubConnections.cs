using System.Text;
using Dashboard.Runtime.Streaming;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;

namespace Dashboard.Web.Features.LiveEvents;

/// <summary>
/// Hub subscriptions, grouped by filter: connections with the same filter share one <see cref="LiveHubGroup"/> (one
/// feed subscription, batches serialized once), and each connection has its own bounded outbox.
/// </summary>
public sealed class LiveHubConnections(
    LiveFeed feed,
    IHubContext<LiveHub> hub,
    IOptions<JsonHubProtocolOptions> json,
    IOptions<LiveFeedOptions> feedOptions,
    ILogger<LiveHubConnections> logger) : IDisposable
{
    /// <summary>
    /// Up to 40 messages a second while each carries at most 100 items, so an item reaches a script within tens of
    /// milliseconds; a busier stream is coalesced, down to four messages a second.
    /// </summary>
    private static readonly LivePace Pace = new(TimeSpan.FromMilliseconds(25), TimeSpan.FromMilliseconds(250), BusyBatch: 100);
    private const int MaxItemsPerMessage = 1_000;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, LiveHubGroup> _groups = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (string Key, LiveHubSender Sender)> _connections = new(StringComparer.Ordinal);

    /// <summary>Subscribed connections.</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _connections.Count;
            }
        }
    }

    /// <summary>Distinct filters, each with one feed subscription.</summary>
    public int GroupCount
    {
        get
        {
            lock (_gate)
            {
                return _groups.Count;
            }
        }
    }

    public void Subscribe(string connectionId, LiveFilter filter)
    {
        var client = hub.Clients.Client(connectionId);
        var sender = new LiveHubSender(message => client.SendAsync(LiveHub.ClientMethod, message), feedOptions.Value.SubscriberCapacity, logger);
        var key = Key(filter);
        LiveHubGroup? emptied;
        lock (_gate)
        {
            emptied = Detach(connectionId);
            if (_groups.TryGetValue(key, out var group))
            {
                group.Add(sender);
            }
            else
            {
                _groups[key] = new LiveHubGroup(feed, filter, Pace, MaxItemsPerMessage, json.Value.PayloadSerializerOptions, sender, logger);
            }

            _connections[connectionId] = (key, sender);
        }

        emptied?.Dispose();
    }

    public void Remove(string connectionId)
    {
        LiveHubGroup? emptied;
        lock (_gate)
        {
            emptied = Detach(connectionId);
        }

        emptied?.Dispose();
    }

    /// <summary>Takes a connection out of its group; returns the group when it became empty (to dispose outside the lock).</summary>
    private LiveHubGroup? Detach(string connectionId)
    {
        if (!_connections.Remove(connectionId, out var entry))
        {
            return null;
        }

        entry.Sender.Stop();
        var group = _groups[entry.Key];
        if (group.Remove(entry.Sender) > 0)
        {
            return null;
        }

        _groups.Remove(entry.Key);
        return group;
    }

    /// <summary>Filters that match the same items get the same key (kinds in order; text as given).</summary>
    private static string Key(LiveFilter filter)
    {
        var key = new StringBuilder();
        key.AppendJoin(',', filter.Kinds.Order()).Append('|')
            .Append(filter.DefinitionId).Append('|').Append(filter.WorkflowId);
        foreach (var text in new[] { filter.Type, filter.Source, filter.Subject, filter.Outcome })
        {
            // Length-prefixed, so no text can forge another filter's key.
            key.Append('|').Append(text?.Length ?? -1).Append(':').Append(text);
        }

        return key.ToString();
    }

    public void Dispose()
    {
        List<LiveHubGroup> groups;
        lock (_gate)
        {
            groups = [.. _groups.Values];
            _groups.Clear();
            _connections.Clear();
        }

        foreach (var group in groups)
        {
            group.Dispose();
        }
    }
}
