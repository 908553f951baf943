using System.Text;
using Dashboard.Data.Events;
using Dashboard.Web.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Dashboard.Web.Features.Audit;

/// <summary>
/// <c>GET /api/audit</c> (Viewer): who changed what, filtered by actor, action and time, paged on the server; and
/// <c>GET /api/audit/export</c>: the filtered entries as CSV (up to <see cref="MaxExportRows"/>).
/// </summary>
public static class AuditApi
{
    public const int MaxExportRows = 100_000;

    public static IServiceCollection AddAudit(this IServiceCollection services) => services.AddSingleton<AuditQueries>();

    public static WebApplication MapAuditApi(this WebApplication app)
    {
        var api = app.MapGroup("/api/audit").RequireAuthorization(Policies.Viewer).WithTags("Audit");
        api.MapGet("", PageAsync);
        api.MapGet("/export", Export);
        return app;
    }

    private static async Task<Results<Ok<Page<AuditEntryView>>, ValidationProblem>> PageAsync(
        string? actor, string? action, string? from, string? to, int? page, int? pageSize, AuditQueries queries, CancellationToken cancellationToken)
    {
        var (filter, bad) = AuditFilter.Parse(actor, action, from, to);
        if (filter is null)
        {
            return Invalid(bad!, "An ISO 8601 time, e.g. 2025-01-31T12:00:00Z.");
        }

        if (page is < 1)
        {
            return Invalid("page", "The page number starts at 1.");
        }

        if (pageSize is < 1 or > AuditQueries.MaxPageSize)
        {
            return Invalid("pageSize", $"The page size is 1 to {AuditQueries.MaxPageSize}.");
        }

        return TypedResults.Ok(await queries.PageAsync(filter, new PageRequest(page ?? 1, pageSize ?? 50), cancellationToken));
    }

    private static Results<PushStreamHttpResult, ValidationProblem> Export(
        string? actor, string? action, string? from, string? to, string? format, AuditQueries queries, TimeProvider clock, HttpContext context)
    {
        var (filter, bad) = AuditFilter.Parse(actor, action, from, to);
        if (filter is null)
        {
            return Invalid(bad!, "An ISO 8601 time, e.g. 2025-01-31T12:00:00Z.");
        }

        if (format is not null && !format.Equals("csv", StringComparison.OrdinalIgnoreCase))
        {
            return Invalid("format", "The audit log exports as csv.");
        }

        var stamp = clock.GetUtcNow().ToString("yyyyMMdd-HHmmss", System.Globalization.CultureInfo.InvariantCulture);
        return TypedResults.Stream(stream => WriteCsvAsync(stream, queries, filter, context.RequestAborted), "text/csv; charset=utf-8", $"audit-{stamp}.csv");
    }

    private static async Task WriteCsvAsync(Stream stream, AuditQueries queries, AuditFilter filter, CancellationToken cancellationToken)
    {
        await using var writer = new StreamWriter(stream, new UTF8Encoding(false), 64 * 1024);
        writer.NewLine = "\r\n";
        await writer.WriteLineAsync(AuditExport.Header);
        await foreach (var entry in queries.StreamAsync(filter, MaxExportRows, cancellationToken))
        {
            await writer.WriteLineAsync(AuditExport.CsvLine(entry));
        }
    }

    private static ValidationProblem Invalid(string field, string message) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] }, title: $"Invalid {field}");
}
