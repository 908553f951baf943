using System.Net;
using System.Text;
using Dashboard.Runtime.Workflows;
using Dashboard.Runtime.Workflows.Steps;
using Microsoft.Extensions.Options;
using static Dashboard.Tests.Workflows.WorkflowTestData;

namespace Dashboard.Tests.Workflows;

public sealed class HttpStepTests
{
    private const string Settings = """
        {"method":"post","url":"http://orders.test/api/{{ event.data.order.id }}","headers":{"X-Customer":"{{ event.data.customer }}"},
         "body":{"id":"{{ event.data.order.id }}","total":"{{ event.data.order.total }}"},"timeoutSeconds":1}
        """;

    [Fact]
    public async Task ExecuteAsync_Success_SendsRenderedRequestWithIdempotencyKeyAndCapturesResponse()
    {
        var handler = new FakeHandler((_, _) => Task.FromResult(Json(HttpStatusCode.Created, """{"ok":true}""")));

        var outcome = await Step(handler).ExecuteAsync(Context([WorkflowTestData.Step("call", "http", Settings)]), default);

        var request = Assert.Single(handler.Requests);
        Assert.Equal(StepOutcomeKind.Continue, outcome.Kind);
        Assert.Equal("POST http://orders.test/api/A-17", $"{request.Method} {request.Uri}");
        Assert.Equal("run-42-step-0-v3", request.Headers["Idempotency-Key"]);
        Assert.Equal("Ada", request.Headers["X-Customer"]);
        Assert.Equal("""{"id":"A-17","total":120.5}""", request.Body);
        Assert.Equal(201, outcome.Output!["status"]!.GetValue<int>());
        Assert.True(outcome.Output["body"]!["ok"]!.GetValue<bool>());
    }

    [Theory]
    [InlineData(HttpStatusCode.InternalServerError, StepOutcomeKind.Retryable)]
    [InlineData(HttpStatusCode.TooManyRequests, StepOutcomeKind.Retryable)]
    [InlineData(HttpStatusCode.NotFound, StepOutcomeKind.Failed)]
    public async Task ExecuteAsync_UnexpectedStatus_IsRetryableOnlyForServerErrors(HttpStatusCode status, StepOutcomeKind expected)
    {
        var handler = new FakeHandler((_, _) => Task.FromResult(new HttpResponseMessage(status)));

        var outcome = await Step(handler).ExecuteAsync(Context([WorkflowTestData.Step("call", "http", Settings)]), default);

        Assert.Equal(expected, outcome.Kind);
        Assert.Contains($"answered {(int)status}", outcome.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExecuteAsync_ExpectedStatusList_AcceptsListedCode()
    {
        var handler = new FakeHandler((_, _) => Task.FromResult(new HttpResponseMessage(HttpStatusCode.NotFound)));
        var step = WorkflowTestData.Step("call", "http", """{"url":"http://x.test/","expectedStatus":[200,404]}""");

        var outcome = await Step(handler).ExecuteAsync(Context([step]), default);

        Assert.Equal(StepOutcomeKind.Continue, outcome.Kind);
    }

    [Fact]
    public async Task ExecuteAsync_UnreachableHost_IsRetryable()
    {
        var handler = new FakeHandler((_, _) => throw new HttpRequestException("Connection refused"));

        var outcome = await Step(handler).ExecuteAsync(Context([WorkflowTestData.Step("call", "http", Settings)]), default);

        Assert.Equal(StepOutcomeKind.Retryable, outcome.Kind);
        Assert.Contains("Connection refused", outcome.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExecuteAsync_Timeout_IsRetryable()
    {
        var handler = new FakeHandler(async (_, token) =>
        {
            await Task.Delay(Timeout.Infinite, token);
            return new HttpResponseMessage(HttpStatusCode.OK);
        });

        var outcome = await Step(handler).ExecuteAsync(Context([WorkflowTestData.Step("call", "http", Settings)]), default);

        Assert.Equal(StepOutcomeKind.Retryable, outcome.Kind);
        Assert.Contains("timed out after 1 s", outcome.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExecuteAsync_LargeBody_IsCutAtTheCap()
    {
        var handler = new FakeHandler((_, _) => Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(new string('a', 5000)) }));

        var outcome = await Step(handler, maxBytes: 1024).ExecuteAsync(Context([WorkflowTestData.Step("call", "http", """{"url":"http://x.test/"}""")]), default);

        Assert.True(outcome.Output!["truncated"]!.GetValue<bool>());
        Assert.Equal(1024, outcome.Output["body"]!.GetValue<string>().Length);
    }

    private static HttpStep Step(FakeHandler handler, int maxBytes = 65536) =>
        new(new FakeClientFactory(handler), Options.Create(new WorkflowOptions { MaxResponseBytes = maxBytes }));

    private static HttpResponseMessage Json(HttpStatusCode status, string json) =>
        new(status) { Content = new StringContent(json, Encoding.UTF8, "application/json") };

    private sealed record SeenRequest(HttpMethod Method, Uri Uri, Dictionary<string, string> Headers, string? Body);

    private sealed class FakeHandler(Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>> respond) : HttpMessageHandler
    {
        public List<SeenRequest> Requests { get; } = [];

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var headers = request.Headers.ToDictionary(h => h.Key, h => string.Join(",", h.Value), StringComparer.OrdinalIgnoreCase);
            Requests.Add(new SeenRequest(request.Method, request.RequestUri!, headers,
                request.Content is null ? null : await request.Content.ReadAsStringAsync(cancellationToken)));
            return await respond(request, cancellationToken);
        }
    }

    private sealed class FakeClientFactory(HttpMessageHandler handler) : IHttpClientFactory
    {
        public HttpClient CreateClient(string name) => new(handler, disposeHandler: false);
    }
}
