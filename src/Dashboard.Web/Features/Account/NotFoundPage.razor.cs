namespace Dashboard.Web.Features.Account;

/// <summary>The page a browser sees for an unknown address; API, ingestion and hub paths keep their JSON problem.</summary>
public sealed partial class NotFoundPage
{
    private static readonly string[] MachinePaths = ["/api", "/hooks", "/hubs", "/_", "/healthz", "/metrics", "/openapi", "/scalar", "/workers"];

    public static bool WantsPage(HttpContext context)
    {
        var request = context.Request;
        return HttpMethods.IsGet(request.Method)
            && request.Headers.Accept.Any(a => a?.Contains("text/html", StringComparison.OrdinalIgnoreCase) == true)
            && !MachinePaths.Any(p => request.Path.StartsWithSegments(p, StringComparison.OrdinalIgnoreCase));
    }
}
