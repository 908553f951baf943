using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Dashboard.Runtime.Workflows.Expressions;
using Microsoft.Extensions.Options;

namespace Dashboard.Runtime.Workflows.Steps;

/// <summary>
/// <c>http</c>: sends <c>method</c> to <c>url</c> with <c>headers</c> and <c>body</c> (templates) and an
/// <c>Idempotency-Key</c> header that stays the same across retries and restarts. The response's status, headers and
/// body (cut at <c>Workflows:MaxResponseBytes</c>) become the output. An unreachable host, a timeout, 408, 429 and
/// 5xx are retryable; any other status outside <c>expectedStatus</c> (default: any 2xx) fails the run.
/// </summary>
public sealed class HttpStep(IHttpClientFactory clients, IOptions<WorkflowOptions> options) : IStepHandler
{
    public const string ClientName = "workflows";
    private static readonly string[] Methods = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"];

    public string Type => "http";

    public static void Validate(StepValidation v)
    {
        v.Known("method", "url", "headers", "body", "timeoutSeconds", "expectedStatus");
        if (v.TemplateString("method", required: false) is { } method && !Template.HasExpressions(method) && !Methods.Contains(method.ToUpperInvariant()))
        {
            v.Error("method", $"Use one of {string.Join(", ", Methods)}.");
        }

        if (v.TemplateString("url", required: true) is { } url && !Template.HasExpressions(url)
            && !(Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"))
        {
            v.Error("url", "Must be an absolute http:// or https:// URL.");
        }

        if (v.Object("headers", required: false) is { } headers)
        {
            foreach (var (name, value) in headers)
            {
                if (JsonValues.AsString(value) is null)
                {
                    v.Error($"headers.{name}", "Header values are strings (templates allowed).");
                }
            }

            v.Templates("headers");
        }

        v.Templates("body");
        v.Number("timeoutSeconds", 1, 300);
        if (v.Has("expectedStatus"))
        {
            if (v.Settings["expectedStatus"] is not JsonArray codes || codes.Count == 0
                || codes.Any(c => !JsonValues.TryNumber(c, out var code) || code < 100 || code > 599 || code != decimal.Truncate(code)))
            {
                v.Error("expectedStatus", "Must be a non-empty list of status codes (100-599).");
            }
        }
    }

    public async Task<StepOutcome> ExecuteAsync(StepContext context, CancellationToken cancellationToken)
    {
        var method = (JsonValues.AsString(context.Render("method")) ?? "GET").ToUpperInvariant();
        var url = JsonValues.ToText(context.Render("url"));
        var headers = context.Render("headers") as JsonObject ?? [];
        var body = context.Settings.ContainsKey("body") ? context.Render("body") : null;
        var timeout = TimeSpan.FromSeconds(JsonValues.TryNumber(context.Render("timeoutSeconds"), out var t) ? (double)t : 30);
        var input = new JsonObject
        {
            ["method"] = method,
            ["url"] = url,
            ["headers"] = headers.DeepClone(),
            ["body"] = body?.DeepClone(),
            ["idempotencyKey"] = context.IdempotencyKey,
        };
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
        {
            return StepOutcome.Fail(input, $"settings.url: '{url}' is not an absolute http(s) URL");
        }

        using var request = new HttpRequestMessage(new HttpMethod(method), uri);
        request.Headers.TryAddWithoutValidation("Idempotency-Key", context.IdempotencyKey);
        if (body is not null)
        {
            request.Content = JsonValues.AsString(body) is { } text
                ? new StringContent(text, Encoding.UTF8, "text/plain")
                : new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
        }

        foreach (var (name, value) in headers)
        {
            var text = JsonValues.ToText(value);
            if (!request.Headers.TryAddWithoutValidation(name, text) && request.Content is not null)
            {
                request.Content.Headers.Remove(name);
                request.Content.Headers.TryAddWithoutValidation(name, text);
            }
        }

        using var timeoutSource = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeoutSource.CancelAfter(timeout);
        HttpResponseMessage response;
        try
        {
            response = await clients.CreateClient(ClientName).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeoutSource.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return StepOutcome.Retry(input, $"{method} {url} timed out after {timeout.TotalSeconds:0.#} s");
        }
        catch (HttpRequestException ex)
        {
            return StepOutcome.Retry(input, $"{method} {url} failed: {ex.Message}");
        }

        using (response)
        {
            JsonObject output;
            try
            {
                output = await ReadResponseAsync(response, options.Value.MaxResponseBytes, timeoutSource.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                return StepOutcome.Retry(input, $"{method} {url} timed out reading the response after {timeout.TotalSeconds:0.#} s");
            }

            var status = (int)response.StatusCode;
            if (IsExpected(context.Settings["expectedStatus"] as JsonArray, status))
            {
                return StepOutcome.Continue(input, output);
            }

            var error = $"{method} {url} answered {status} {response.ReasonPhrase}";
            return status is 408 or 429 or >= 500 ? StepOutcome.Retry(input, error, output) : StepOutcome.Fail(input, error, output);
        }
    }

    private static bool IsExpected(JsonArray? expected, int status) =>
        expected is { Count: > 0 } ? expected.Any(c => JsonValues.TryNumber(c, out var code) && code == status) : status is >= 200 and < 300;

    private static async Task<JsonObject> ReadResponseAsync(HttpResponseMessage response, int maxBytes, CancellationToken cancellationToken)
    {
        var headers = new JsonObject();
        foreach (var (name, values) in response.Headers.Concat(response.Content.Headers))
        {
            headers[name.ToLowerInvariant()] = string.Join(", ", values);
        }

        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        var buffer = new byte[maxBytes + 1];
        var read = 0;
        while (read < buffer.Length)
        {
            var n = await stream.ReadAsync(buffer.AsMemory(read), cancellationToken).ConfigureAwait(false);
            if (n == 0)
            {
                break;
            }

            read += n;
        }

        var truncated = read > maxBytes;
        var length = Math.Min(read, maxBytes);
        JsonNode? body = null;
        if (!truncated && IsJson(response.Content.Headers.ContentType))
        {
            try
            {
                body = JsonNode.Parse(buffer.AsSpan(0, length));
            }
            catch (JsonException)
            {
            }
        }

        body ??= length == 0 ? null : JsonValue.Create(Encoding.UTF8.GetString(buffer, 0, length));
        return new JsonObject
        {
            ["status"] = (int)response.StatusCode,
            ["headers"] = headers,
            ["body"] = body,
            ["truncated"] = truncated,
        };
    }

    private static bool IsJson(MediaTypeHeaderValue? type) =>
        type?.MediaType is { } media && (media.Equals("application/json", StringComparison.OrdinalIgnoreCase) || media.EndsWith("+json", StringComparison.OrdinalIgnoreCase));
}
