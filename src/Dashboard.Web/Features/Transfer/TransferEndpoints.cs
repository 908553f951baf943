using System.Text;
using Dashboard.Runtime.Definitions.Yaml;
using Dashboard.Web.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Net.Http.Headers;

namespace Dashboard.Web.Features.Transfer;

public static class TransferEndpoints
{
    private static readonly string[] YamlMediaTypes = ["text/yaml", "application/yaml", "text/plain", "application/x-yaml", "text/x-yaml"];

    public static WebApplication MapTransfer(this WebApplication app)
    {
        var group = app.MapGroup("/api/definitions").WithTags("Definitions import/export").RequireAuthorization(Policies.Admin);
        group.MapGet("/export", ExportAsync);
        group.MapPost("/import", ImportAsync).Accepts<string>("text/yaml", "application/yaml", "text/plain");
        return app;
    }

    private static async Task<ContentHttpResult> ExportAsync(DefinitionsYamlExporter exporter, HttpContext context, CancellationToken cancellationToken)
    {
        var yaml = await exporter.ExportAsync(cancellationToken);
        context.Response.Headers.ContentDisposition = "attachment; filename=\"definitions.yaml\"";
        return TypedResults.Text(yaml, "text/yaml", Encoding.UTF8);
    }

    private static async Task<Results<Ok<ImportResult>, ProblemHttpResult>> ImportAsync(
        HttpRequest request, DefinitionsImporter importer, bool? dryRun, CancellationToken cancellationToken)
    {
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var mediaType)
            || !YamlMediaTypes.Contains(mediaType.MediaType.Value, StringComparer.OrdinalIgnoreCase))
        {
            return TypedResults.Problem("Send the YAML document as text/yaml, application/yaml or text/plain.", statusCode: StatusCodes.Status415UnsupportedMediaType);
        }

        var yaml = await ReadBodyAsync(request, cancellationToken);
        if (yaml is null)
        {
            return TypedResults.Problem($"The document is larger than {DefinitionsImporter.MaxDocumentLength / (1024 * 1024)} MiB.", statusCode: StatusCodes.Status413PayloadTooLarge);
        }

        var result = await importer.ImportAsync(yaml, request.HttpContext.User.ToActor(), dryRun ?? true, cancellationToken);
        if (result.Succeeded)
        {
            return TypedResults.Ok(result);
        }

        return TypedResults.Problem(
            title: "The definitions document is invalid; nothing was imported.",
            statusCode: StatusCodes.Status400BadRequest,
            extensions: new Dictionary<string, object?>
            {
                ["errors"] = result.Errors.Select(e => new { line = e.Line, field = e.Field, message = e.Message }).ToList(),
                ["changes"] = result.Changes,
            });
    }

    /// <summary>Reads the body as UTF-8 text, or null when it is longer than the import limit.</summary>
    private static async Task<string?> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var limit = DefinitionsImporter.MaxDocumentLength;
        if (request.ContentLength > limit)
        {
            return null;
        }

        using var reader = new StreamReader(request.Body, Encoding.UTF8);
        var text = new StringBuilder();
        var chunk = new char[16 * 1024];
        int read;
        while ((read = await reader.ReadAsync(chunk, cancellationToken)) > 0)
        {
            text.Append(chunk, 0, read);
            if (text.Length > limit)
            {
                return null;
            }
        }

        return text.ToString();
    }
}
