using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Dashboard.Benchmarks.Load;

/// <summary>The HTTP ceiling: a slim Kestrel host whose <c>POST /hooks/{**route}</c> reads the body and answers 202.</summary>
public static class EmptyPostServer
{
    public static WebApplication Build(string url)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls(url);
        var app = builder.Build();
        app.MapPost("/hooks/{**route}", async (HttpContext http) =>
        {
            await http.Request.Body.CopyToAsync(Stream.Null, http.RequestAborted);
            http.Response.StatusCode = StatusCodes.Status202Accepted;
            http.Response.ContentType = "application/json";
            await http.Response.WriteAsync("""{"status":"accepted"}""", http.RequestAborted);
        });
        return app;
    }
}
