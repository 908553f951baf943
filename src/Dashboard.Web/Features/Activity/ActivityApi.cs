using System.Buffers;
using System.Text;
using System.Text.Json;
using Dashboard.Data.Events;
using Dashboard.Web.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Dashboard.Web.Features.Activity;

/// <summary><c>GET /api/activity</c> (paged) and <c>GET /api/activity/export?format=csv|json</c> (the filtered set, up to <see cref="MaxExportRows"/>).</summary>
public static class ActivityApi
{
    public const int MaxExportRows = 100_000;

    public static WebApplication MapActivityApi(this WebApplication app)
    {
        var api = app.MapGroup("/api/activity").RequireAuthorization(Policies.Viewer).WithTags("Activity");
        api.MapGet("", PageAsync);
        api.MapGet("/export", Export);
        return app;
    }

    private static async Task<Results<Ok<Page<ActivityRowView>>, BadRequest<ProblemDetails>>> PageAsync(
        long? workflow, string? kind, string? from, string? to, int? skip, int? take, ActivityQueries queries, CancellationToken cancellationToken)
    {
        if (Filter(workflow, kind, from, to) is not { } filter)
        {
            return TypedResults.BadRequest(BadTime());
        }

        return TypedResults.Ok(await queries.PageAsync(filter, skip ?? 0, take ?? 50, cancellationToken));
    }

    private static Results<PushStreamHttpResult, BadRequest<ProblemDetails>> Export(
        string? format, long? workflow, string? kind, string? from, string? to, ActivityQueries queries, HttpContext context)
    {
        if (Filter(workflow, kind, from, to) is not { } filter)
        {
            return TypedResults.BadRequest(BadTime());
        }

        var stamp = DateTimeOffset.UtcNow.ToString("yyyyMMdd-HHmmss", System.Globalization.CultureInfo.InvariantCulture);
        return (format ?? "csv").ToLowerInvariant() switch
        {
            "csv" => TypedResults.Stream(stream => WriteCsvAsync(stream, queries, filter, context.RequestAborted), "text/csv; charset=utf-8", $"activity-{stamp}.csv"),
            "json" => TypedResults.Stream(stream => WriteJsonAsync(stream, queries, filter, context.RequestAborted), "application/json", $"activity-{stamp}.json"),
            _ => TypedResults.BadRequest(new ProblemDetails { Title = "Unknown format", Detail = "format is csv or json.", Status = 400 }),
        };
    }

    private static async Task WriteCsvAsync(Stream stream, ActivityQueries queries, ActivityFilter filter, CancellationToken cancellationToken)
    {
        await using var writer = new StreamWriter(stream, new UTF8Encoding(false), 64 * 1024);
        writer.NewLine = "\r\n";
        await writer.WriteLineAsync(ActivityExport.Header);
        await foreach (var row in queries.StreamAsync(filter, MaxExportRows, cancellationToken))
        {
            await writer.WriteLineAsync(ActivityExport.CsvLine(row));
        }
    }

    private static async Task WriteJsonAsync(Stream stream, ActivityQueries queries, ActivityFilter filter, CancellationToken cancellationToken)
    {
        // The serializer flushes its writer synchronously, so it writes to a buffer that is copied to the response asynchronously.
        var buffer = new ArrayBufferWriter<byte>(64 * 1024);
        await using var writer = new Utf8JsonWriter(buffer);
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        writer.WriteStartArray();
        await foreach (var row in queries.StreamAsync(filter, MaxExportRows, cancellationToken))
        {
            JsonSerializer.Serialize(writer, row, options);
            if (buffer.WrittenCount > 32 * 1024)
            {
                await stream.WriteAsync(buffer.WrittenMemory, cancellationToken);
                buffer.ResetWrittenCount();
            }
        }

        writer.WriteEndArray();
        await writer.FlushAsync(cancellationToken);
        await stream.WriteAsync(buffer.WrittenMemory, cancellationToken);
    }

    private static ActivityFilter? Filter(long? workflow, string? kind, string? from, string? to)
    {
        var filter = new ActivityFilter(workflow, kind, ActivityFilter.ParseTime(from), ActivityFilter.ParseTime(to));
        return (from is not null && filter.From is null) || (to is not null && filter.To is null) ? null : filter;
    }

    private static ProblemDetails BadTime() =>
        new() { Title = "Invalid time", Detail = "from and to are ISO 8601 times, e.g. 2025-01-31T12:00:00Z.", Status = 400 };
}
