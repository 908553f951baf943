using Dashboard.Runtime.Common;
using Dashboard.Runtime.Contracts;
using Dashboard.Runtime.Ingestion;
using Dashboard.Runtime.Ingestion.Sync;

namespace Dashboard.Web.Features.Ingestion;

/// <summary>
/// The answer of a sync event, once it is stored: the caller waits for its workflow's run and gets 200 (or the status a
/// <c>respond</c> step chose) with the response, a problem with the run's error (default 502), or 504 with the event id
/// when the run did not finish in the definition's timeout. The run goes on either way; a retry gets the stored answer.
/// An event this instance forwarded instead of storing (a scale-out worker) gets its answer through the
/// <see cref="ISyncAnswerRelay"/> its module registered.
/// </summary>
internal sealed class SyncAnswers(SyncWaiters waiters, ISyncRunLookup lookup, ActivityRecorder activity, SyncAnswerLedger ledger,
    ISyncAnswerRelay? relay = null)
{
    public const string CallerGoneKind = "sync-caller-disconnected";

    public async Task<IResult> AnswerAsync(HttpContext context, IngestionResult result, int maxTimeoutSeconds)
    {
        var sync = result.Sync!;
        var ingested = result.Events[0];
        if (sync.WorkflowId is null)
        {
            await ledger.RecordAsync(ingested, sync.DefinitionId, 502, CancellationToken.None);
            return Problem(502, "No workflow answered", $"The event '{ingested.Id}' was stored, but no enabled workflow with steps is bound to answer it.", ingested, null);
        }

        var seq = ingested.Seq;
        if (seq is null)
        {
            // A retry: answer from the store when the first request's run finished, else wait for it like the first caller.
            var stored = await lookup.FindAsync(ingested.Source, ingested.Id, context.RequestAborted);
            if (stored?.Finished is { } done)
            {
                await ledger.RecordAsync(ingested, sync.DefinitionId, done.Status, CancellationToken.None);
                return Answer(done, ingested);
            }

            seq = stored?.EventSeq;
        }

        if (seq is null && relay is null)
        {
            // Neither in this instance's store nor forwarded: nothing can follow the run, so it is answered as accepted.
            return IngestionResults.ToHttp(result);
        }

        var timeout = TimeSpan.FromSeconds(Math.Clamp(sync.TimeoutSeconds, 1, maxTimeoutSeconds));
        SyncRunFinished? finished;
        try
        {
            finished = seq is { } eventSeq
                ? await waiters.WaitAsync(eventSeq, timeout, context.RequestAborted)
                : await relay!.WaitAsync(ingested.Source, ingested.Id, timeout, context.RequestAborted);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // Nothing is lost: the event is stored and its run completes; the workflow's activity says the caller left.
            await activity.RecordAsync(sync.WorkflowId, CallerGoneKind,
                $"the caller of sync event '{ingested.Id}'{(seq is null ? "" : $" (seq {seq})")} disconnected before the answer; the run goes on and keeps its response",
                $"event {ingested.Id}", CancellationToken.None);
            return TypedResults.Empty;
        }

        await ledger.RecordAsync(ingested, sync.DefinitionId, finished?.Status ?? 504, CancellationToken.None);
        return finished is null
            ? Problem(504, "Workflow did not answer in time",
                $"The workflow did not answer within {timeout.TotalSeconds:0} s. The event '{ingested.Id}' is stored and its run goes on; retry the same event to get its answer.",
                ingested, null)
            : Answer(finished, ingested);
    }

    private static IResult Answer(SyncRunFinished finished, IngestedEvent ingested) => finished.State == "Succeeded"
        ? new JsonText(finished.Response ?? "null", finished.Status, ingested.Id)
        : Problem(finished.Status, "Workflow failed", finished.Error ?? $"The run ended {finished.State.ToLowerInvariant()}.", ingested, finished);

    private static IResult Problem(int status, string title, string detail, IngestedEvent ingested, SyncRunFinished? finished)
    {
        var extensions = new Dictionary<string, object?> { ["eventId"] = ingested.Id, ["eventSource"] = ingested.Source };
        if (finished is not null)
        {
            extensions["runId"] = finished.RunId;
            extensions["runState"] = finished.State;
        }

        return new WithEventId(TypedResults.Problem(detail, statusCode: status, title: title, extensions: extensions), ingested.Id);
    }

    /// <summary>The stored response body as it is (already JSON), with the event id in <c>ce-id</c>.</summary>
    private sealed class JsonText(string json, int status, string eventId) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.StatusCode = status;
            if (status is not (204 or 205 or 304))
            {
                httpContext.Response.ContentType = "application/json; charset=utf-8";
            }

            httpContext.Response.Headers["ce-id"] = eventId;
            // These statuses carry no body by definition.
            return status is 204 or 205 or 304 ? Task.CompletedTask : httpContext.Response.WriteAsync(json, httpContext.RequestAborted);
        }
    }

    private sealed class WithEventId(IResult inner, string eventId) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.Headers["ce-id"] = eventId;
            return inner.ExecuteAsync(httpContext);
        }
    }
}
