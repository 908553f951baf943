using System.Text;
using System.Text.Json;
using Dashboard.Data.Events;
using Dashboard.Web.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Dashboard.Web.Features.Events;

/// <summary>Read API for stored events and the ingestion ledger.</summary>
public static class EventsApi
{
    public static WebApplication MapEventsApi(this WebApplication app)
    {
        var api = app.MapGroup("/api").RequireAuthorization(Policies.Viewer).WithTags("Events");
        api.MapGet("/events/{id}", GetByIdAsync);
        api.MapGet("/events/by-seq/{seq:long}", GetBySeqAsync);
        api.MapGet("/ledger", GetLedgerAsync);
        api.MapGet("/ledger/{id:long}", GetLedgerRowAsync);
        return app;
    }

    /// <summary>An event by its CloudEvents id (and <c>source</c> when several sources used the same id), with its ledger trail and runs.</summary>
    private static async Task<Results<Ok<EventDetail>, NotFound<ProblemDetails>>> GetByIdAsync(
        string id, string? source, EventQueries queries, CancellationToken cancellationToken)
    {
        var matches = await queries.FindByIdAsync(id, source, cancellationToken);
        if (matches.Count == 0)
        {
            return TypedResults.NotFound(new ProblemDetails { Title = "Event not found", Detail = $"No stored event has id '{id}'.", Status = 404 });
        }

        var detail = await DetailAsync(matches[0], queries, cancellationToken);
        return TypedResults.Ok(detail with { OtherSources = matches.Skip(1).Select(m => m.Source).Distinct().ToList() });
    }

    private static async Task<Results<Ok<EventDetail>, NotFound<ProblemDetails>>> GetBySeqAsync(long seq, EventQueries queries, CancellationToken cancellationToken)
    {
        var stored = await queries.GetAsync(seq, cancellationToken);
        return stored is null
            ? TypedResults.NotFound(new ProblemDetails { Title = "Event not found", Detail = $"No stored event has sequence number {seq}.", Status = 404 })
            : TypedResults.Ok(await DetailAsync(stored, queries, cancellationToken));
    }

    private static async Task<Ok<Page<LedgerView>>> GetLedgerAsync(
        string? outcome, long? definitionId, int? skip, int? take, EventQueries queries, CancellationToken cancellationToken) =>
        TypedResults.Ok(await queries.LedgerAsync(outcome, definitionId, Math.Max(skip ?? 0, 0), Math.Clamp(take ?? 50, 1, 500), cancellationToken));

    /// <summary>One ledger row with its routing trace: how a rejection, duplicate or acceptance was decided, step by step.</summary>
    private static async Task<Results<Ok<LedgerDetail>, NotFound<ProblemDetails>>> GetLedgerRowAsync(long id, EventQueries queries, CancellationToken cancellationToken)
    {
        var row = await queries.LedgerRowAsync(id, cancellationToken);
        return row is null
            ? TypedResults.NotFound(new ProblemDetails { Title = "Ledger row not found", Detail = $"No ingestion ledger row has id {id}.", Status = 404 })
            : TypedResults.Ok(new LedgerDetail(row.Id, row.At, row.Route, row.RemoteAddress, row.ContentMode, row.Outcome, row.Status, row.Reason,
                row.DefinitionId, row.DefinitionKey, row.TokenId, row.EventId, row.EventSource, row.EventType, row.EventSeq, Steps(row.TraceJson)));
    }

    private static IReadOnlyList<TraceStepView> Steps(string? traceJson) =>
        IngestionTrace.Parse(traceJson).Select(s => new TraceStepView(s.Stage, s.Result.ToString().ToLowerInvariant(), s.Detail)).ToList();

    private static async Task<EventDetail> DetailAsync(StoredEventView stored, EventQueries queries, CancellationToken cancellationToken)
    {
        var ledger = await queries.LedgerForAsync(stored.Source, stored.Id, cancellationToken);
        var runs = await queries.RunsForAsync(stored.Seq, cancellationToken);
        var accepted = ledger.FirstOrDefault(l => l.EventSeq == stored.Seq);
        var routing = accepted?.RoutingJson;
        return new EventDetail(
            stored.Seq, stored.Id, stored.Source, stored.Type, stored.Subject, stored.Time, stored.DataContentType, stored.DataSchema,
            stored.DefinitionKey, stored.ContentMode, stored.Initiator, stored.CausationId, stored.ReceivedAt,
            Parse(stored.ExtensionsJson), DataOf(stored), stored.Data is not null && !stored.DataIsJson ? Convert.ToBase64String(stored.Data) : null,
            Parse(routing), Steps(accepted?.TraceJson), ledger, runs, []);
    }

    private static JsonElement? DataOf(StoredEventView stored) =>
        stored.Data is not null && stored.DataIsJson ? Parse(Encoding.UTF8.GetString(stored.Data)) : null;

    private static JsonElement? Parse(string? json)
    {
        if (string.IsNullOrEmpty(json))
        {
            return null;
        }

        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }

    public sealed record EventDetail(
        long Seq, string Id, string Source, string Type, string? Subject, DateTimeOffset? Time, string? DataContentType, string? DataSchema,
        string? Definition, string ContentMode, string? Initiator, string? CausationId, DateTimeOffset ReceivedAt,
        JsonElement? Extensions, JsonElement? Data, string? DataBase64, JsonElement? Routing, IReadOnlyList<TraceStepView> Trace,
        IReadOnlyList<LedgerView> Ledger, IReadOnlyList<EventRunView> Runs, IReadOnlyList<string> OtherSources);

    /// <summary>One step of a routing trace: <c>result</c> is passed, failed, skipped or info.</summary>
    public sealed record TraceStepView(string Stage, string Result, string Detail);

    public sealed record LedgerDetail(
        long Id, DateTimeOffset At, string? Route, string? RemoteAddress, string? ContentMode, string Outcome, int Status, string? Reason,
        long? DefinitionId, string? Definition, long? TokenId, string? EventId, string? EventSource, string? EventType, long? EventSeq,
        IReadOnlyList<TraceStepView> Trace);
}
