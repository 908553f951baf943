using Dashboard.Data.Events;
using Microsoft.Extensions.Options;

namespace Dashboard.Runtime.Streaming;

/// <summary>
/// The in-process broadcaster: every ledger outcome the event store commits, plus what the workflow runtime
/// publishes (run transitions, activity). Publishing is O(subscribers) and does not allocate when nobody listens;
/// each subscriber has its own bounded drop-oldest queue, so ingestion never waits for a viewer.
/// </summary>
public sealed class LiveFeed : ILiveFeed, ICommittedWritesListener
{
    private readonly TimeProvider _clock;
    private readonly LiveFeedOptions _options;
    private readonly Lock _gate = new();
    private LiveSubscription[] _subscribers = [];

    public LiveFeed(TimeProvider clock, IOptions<LiveFeedOptions> options)
    {
        _clock = clock;
        _options = options.Value;
    }

    /// <summary>Running totals by outcome, kept whether or not anyone subscribes.</summary>
    public LiveCounters Counters { get; } = new();

    public int SubscriberCount => Volatile.Read(ref _subscribers).Length;

    /// <summary>Subscribes with a server-side filter; dispose the result to unsubscribe.</summary>
    public LiveSubscription Subscribe(LiveFilter filter, int? capacity = null)
    {
        var subscription = new LiveSubscription(filter, Math.Clamp(capacity ?? _options.SubscriberCapacity, 1, _options.SubscriberCapacity), _clock, Remove);
        lock (_gate)
        {
            _subscribers = [.. _subscribers, subscription];
        }

        return subscription;
    }

    public void Publish(LiveItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        Counters.Count(item);
        Offer(item, Volatile.Read(ref _subscribers));
    }

    /// <summary>Called on the writer's thread after each commit.</summary>
    public void OnCommitted(IReadOnlyList<CommittedWrite> writes)
    {
        var subscribers = Volatile.Read(ref _subscribers);
        foreach (var write in writes)
        {
            var request = write.Request;
            if (!request.IsIngestion)
            {
                continue;
            }

            if (request.Events.Count == 0)
            {
                Counters.CountOutcome(request.LedgerTemplate.Outcome, request.LedgerTemplate.DefinitionId);
                if (subscribers.Length == 0)
                {
                    continue;
                }

                Offer(LiveItems.Rejection(request.LedgerTemplate, write.Results.Count > 0 ? write.Results[0].LedgerId : null), subscribers);
                foreach (var activity in request.Activity)
                {
                    Offer(LiveItems.Activity(activity, request.LedgerTemplate), subscribers);
                }

                continue;
            }

            for (var i = 0; i < request.Events.Count && i < write.Results.Count; i++)
            {
                var stored = write.Results[i];
                Counters.CountOutcome(stored.Duplicate ? "Duplicate" : request.LedgerTemplate.Outcome, request.Events[i].DefinitionId);
                if (subscribers.Length > 0)
                {
                    Offer(LiveItems.Stored(request.Events[i], stored, request.LedgerTemplate), subscribers);
                }
            }
        }
    }

    private static void Offer(LiveItem item, LiveSubscription[] subscribers)
    {
        foreach (var subscriber in subscribers)
        {
            subscriber.Offer(item);
        }
    }

    private void Remove(LiveSubscription subscription)
    {
        lock (_gate)
        {
            _subscribers = Array.FindAll(_subscribers, s => !ReferenceEquals(s, subscription));
        }
    }
}
