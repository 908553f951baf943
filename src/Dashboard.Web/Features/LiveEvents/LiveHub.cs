using Dashboard.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;

namespace Dashboard.Web.Features.LiveEvents;

/// <summary>
/// <c>/hubs/live</c>: the live feed for external clients (signed-in cookie or a bearer API token with at least the
/// Viewer role). Call <c>Subscribe(filter)</c>; batches arrive as <c>live</c> messages, at most four per second.
/// </summary>
[Authorize(Policy = Policies.Viewer)]
public sealed class LiveHub(LiveHubConnections connections) : Hub
{
    public const string Path = "/hubs/live";

    /// <summary>The client method that receives <see cref="LiveHubBatch"/>es.</summary>
    public const string ClientMethod = "live";

    /// <summary>Starts (or replaces) this connection's subscription.</summary>
    public LiveHubSubscribed Subscribe(LiveHubFilter? filter)
    {
        var liveFilter = (filter ?? new LiveHubFilter()).ToLiveFilter(out var error);
        if (error is not null)
        {
            throw new HubException(error);
        }

        connections.Subscribe(Context.ConnectionId, liveFilter);
        return new LiveHubSubscribed(liveFilter.Kinds.Select(k => k.ToString()).ToList());
    }

    public void Unsubscribe() => connections.Remove(Context.ConnectionId);

    public override Task OnDisconnectedAsync(Exception? exception)
    {
        connections.Remove(Context.ConnectionId);
        return base.OnDisconnectedAsync(exception);
    }
}

/// <summary>The answer to <c>Subscribe</c>: which kinds the subscription streams.</summary>
public sealed record LiveHubSubscribed(IReadOnlyList<string> Kinds);

/// <summary>What a <c>live</c> message carries: items in order, and how many were dropped because the client fell behind
/// (the shape of <see cref="LiveHubMessage"/>, which is what is sent).</summary>
public sealed record LiveHubBatch(IReadOnlyList<Runtime.Streaming.LiveItem> Items, long Dropped);
