using Dashboard.Data.Maintenance;
using Dashboard.Web.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Dashboard.Web.Features.Backup;

/// <summary><c>POST /api/backup</c> (Admin): an online backup into the data folder's <c>backups/</c> while ingestion goes on.</summary>
public static class BackupEndpoints
{
    public static IServiceCollection AddBackup(this IServiceCollection services)
    {
        services.AddSingleton<DatabaseBackup>();
        services.AddSingleton<BackupService>();
        return services;
    }

    public static WebApplication MapBackup(this WebApplication app)
    {
        app.MapPost("/api/backup", CreateAsync).RequireAuthorization(Policies.Admin).DisableAntiforgery().WithTags("Operations");
        return app;
    }

    private static async Task<Results<Created<BackupResponse>, ProblemHttpResult>> CreateAsync(
        BackupService backups, HttpContext context, CancellationToken cancellationToken)
    {
        try
        {
            var result = await backups.CreateAsync(context.User.Identity?.Name ?? "unknown", cancellationToken);
            if (result is null)
            {
                return TypedResults.Problem("A backup is already running; try again when it has finished.", statusCode: StatusCodes.Status409Conflict, title: "Backup running");
            }

            return TypedResults.Created((string?)null, new BackupResponse(result.Path, result.Bytes, result.Events, result.Duration.TotalMilliseconds, result.KeysPath));
        }
        catch (Exception ex) when (ex is IOException or Microsoft.Data.Sqlite.SqliteException)
        {
            context.Response.Headers.RetryAfter = "30";
            return TypedResults.Problem($"The backup could not be written: {Data.Events.StoreFailures.Describe(ex)}",
                statusCode: StatusCodes.Status503ServiceUnavailable, title: "Backup failed");
        }
    }

    /// <summary>What <c>POST /api/backup</c> answers.</summary>
    public sealed record BackupResponse(string Path, long Bytes, long Events, double DurationMilliseconds, string? KeysPath);
}
