using System.Collections.Concurrent;
using System.Net;
using System.Text;

namespace Dashboard.IntegrationTests.ScaleOut;

/// <summary>
/// Posts CloudEvents to one instance the way a webhook client would: a 503, 429 or lost connection is retried with the
/// same event id (at-least-once on the client, de-duplicated by the runtime). 202, or 200 duplicate on a retry, means
/// accepted; anything else is recorded as unexpected.
/// </summary>
internal sealed class ScaleOutSender(Uri baseAddress, string route, TimeSpan patience)
{
    public ConcurrentBag<string> Accepted { get; } = [];

    public ConcurrentBag<string> Unexpected { get; } = [];

    private int _retries;

    /// <summary>Attempts answered 503 or 429, or without an answer, that were sent again.</summary>
    public int Retries => Volatile.Read(ref _retries);

    /// <summary>Posts until accepted or until the sender's patience runs out; false when not accepted.</summary>
    public async Task<bool> SendAsync(string id, CancellationToken cancellationToken)
    {
        using var client = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(30) };
        var body = $$$"""{"specversion":"1.0","id":"{{{id}}}","source":"/scale-out","type":"test.scale","datacontenttype":"application/json","data":{"id":"{{{id}}}"}}""";
        var deadline = DateTime.UtcNow + patience;
        for (var attempt = 1; DateTime.UtcNow < deadline; attempt++)
        {
            try
            {
                using var response = await client.PostAsync($"/hooks/{route}", new StringContent(body, Encoding.UTF8, "application/cloudevents+json"), cancellationToken);
                var text = await response.Content.ReadAsStringAsync(cancellationToken);
                switch (response.StatusCode)
                {
                    case HttpStatusCode.Accepted:
                    case HttpStatusCode.OK when attempt > 1 && text.Contains("\"duplicate\":true", StringComparison.Ordinal):
                        Accepted.Add(id);
                        return true;
                    case HttpStatusCode.ServiceUnavailable or HttpStatusCode.TooManyRequests:
                        break;
                    default:
                        Unexpected.Add($"{id}: {(int)response.StatusCode} {text}");
                        return false;
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
            {
            }

            Interlocked.Increment(ref _retries);
            await Task.Delay(200, cancellationToken);
        }

        Unexpected.Add($"{id}: not accepted within {patience.TotalSeconds:0} s");
        return false;
    }
}
