using System.Text.Json;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Dashboard.Web.Features.Health;

/// <summary>
/// Writes a health report in the common health-check JSON shape: overall <c>status</c> and <c>totalDuration</c>, and
/// per check its <c>status</c>, <c>description</c>, <c>duration</c> and <c>data</c>. Exceptions are reduced to their
/// message, and no check puts a secret in its description or data.
/// </summary>
public static class HealthResponseWriter
{
    public static async Task WriteAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json; charset=utf-8";
        context.Response.Headers.CacheControl = "no-store, no-cache";
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(1024);
        await using (var json = new Utf8JsonWriter(buffer))
        {
            Write(json, report);
        }

        await context.Response.Body.WriteAsync(buffer.WrittenMemory, context.RequestAborted);
    }

    private static void Write(Utf8JsonWriter json, HealthReport report)
    {
        json.WriteStartObject();
        json.WriteString("status", report.Status.ToString());
        json.WriteString("totalDuration", report.TotalDuration.ToString("c"));
        json.WriteStartObject("entries");
        foreach (var (name, entry) in report.Entries)
        {
            json.WriteStartObject(name);
            json.WriteString("status", entry.Status.ToString());
            json.WriteString("description", entry.Description ?? entry.Exception?.Message);
            json.WriteString("duration", entry.Duration.ToString("c"));
            json.WriteStartObject("data");
            foreach (var (key, value) in entry.Data)
            {
                json.WritePropertyName(key);
                JsonSerializer.Serialize(json, value, value?.GetType() ?? typeof(object));
            }

            json.WriteEndObject();
            json.WriteStartArray("tags");
            foreach (var tag in entry.Tags)
            {
                json.WriteStringValue(tag);
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        json.WriteEndObject();
        json.WriteEndObject();
    }
}
