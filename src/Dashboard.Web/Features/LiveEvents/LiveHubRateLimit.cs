using Microsoft.AspNetCore.SignalR;

namespace Dashboard.Web.Features.LiveEvents;

/// <summary>
/// Per-connection limit on client invocations: a token bucket of <see cref="Burst"/> calls refilled at
/// <see cref="PerSecond"/> per second. Beyond it the call fails with a hub error and nothing runs.
/// </summary>
public sealed class LiveHubRateLimit(TimeProvider clock) : IHubFilter
{
    public const int Burst = 5;
    public const double PerSecond = 1;
    private static readonly object BucketKey = new();

    public async ValueTask<object?> InvokeMethodAsync(HubInvocationContext invocationContext, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        var items = invocationContext.Context.Items;
        Bucket bucket;
        lock (items)
        {
            if (!items.TryGetValue(BucketKey, out var existing) || existing is not Bucket found)
            {
                found = new Bucket(Burst, clock.GetTimestamp());
                items[BucketKey] = found;
            }

            bucket = found;
        }

        if (!bucket.TryTake(clock))
        {
            throw new HubException("Too many requests on this connection; slow down.");
        }

        return await next(invocationContext);
    }

    private sealed class Bucket(double tokens, long at)
    {
        private readonly Lock _gate = new();
        private double _tokens = tokens;
        private long _at = at;

        public bool TryTake(TimeProvider clock)
        {
            lock (_gate)
            {
                var now = clock.GetTimestamp();
                _tokens = Math.Min(Burst, _tokens + (clock.GetElapsedTime(_at, now).TotalSeconds * PerSecond));
                _at = now;
                if (_tokens < 1)
                {
                    return false;
                }

                _tokens -= 1;
                return true;
            }
        }
    }
}
