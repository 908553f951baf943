using System.Text.Json;
using Dashboard.Runtime.Ingestion;

namespace Dashboard.Web.Features.WebSocketSource;

/// <summary>
/// The answer to one frame: the HTTP contract's status and outcome in a small JSON message, numbered like the frames
/// (1, 2, …). <c>outcome</c> is <c>accepted</c>, <c>duplicate</c>, <c>retry</c> (429/503: send it again after
/// <c>retryAfter</c> seconds) or <c>rejected</c> (with the problem details HTTP would send).
/// </summary>
internal static class FrameResults
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static byte[] ToJson(long frame, IngestionResult result) => JsonSerializer.SerializeToUtf8Bytes(Describe(frame, result), Json);

    private static object Describe(long frame, IngestionResult result)
    {
        if (result.Accepted && result.IsBatch)
        {
            return new
            {
                frame, status = result.Status, outcome = "accepted",
                accepted = result.Events.Count(e => !e.Duplicate), duplicates = result.Events.Count(e => e.Duplicate),
                results = result.Events.Select(Event),
            };
        }

        if (result.Accepted && result.Events.Count > 0)
        {
            var e = result.Events[0];
            return new { frame, status = result.Status, outcome = e.Duplicate ? "duplicate" : "accepted", id = e.Id, source = e.Source, duplicate = e.Duplicate, seq = e.Seq, workflows = e.Workflows };
        }

        var problem = new
        {
            title = result.Title, detail = result.Detail, outcome = result.Outcome,
            errors = result.Errors.Select(x => new { path = x.Path, message = x.Message }),
        };
        return result.RetryAfterSeconds is { } retryAfter
            ? new { frame, status = result.Status, outcome = "retry", retryAfter, problem }
            : new { frame, status = result.Status, outcome = "rejected", retryAfter = (int?)null, problem };
    }

    private static object Event(IngestedEvent e) => new
    {
        index = e.Index, id = e.Id, source = e.Source, status = e.Duplicate ? "duplicate" : "accepted", duplicate = e.Duplicate, seq = e.Seq,
    };
}
