using System.Net;
using System.Text;
using Dashboard.IntegrationTests.Workflows;
using Dashboard.Runtime.Contracts;
using Dashboard.Runtime.Definitions;
using Dashboard.Runtime.Ingestion;
using Dashboard.Testing;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;
using static Dashboard.IntegrationTests.Eventing.EventingTestKit;

namespace Dashboard.IntegrationTests.ScaleOut;

/// <summary>
/// The owner is down: a worker that holds the catalog keeps accepting into the durable ingest stream, even when its
/// catalog is due for a reload that nobody answers; a worker that never loaded it refuses. The owner stores and runs
/// the backlog when it is back.
/// </summary>
public sealed class OwnerDownTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const string Route = "owner-down";
    private const int EventsWhileDown = 20;
    private ScaleOutDeployment _deployment = null!;

    public async Task InitializeAsync() => _deployment = await ScaleOutDeployment.StartAsync();

    public async Task DisposeAsync()
    {
        _deployment.WriteWarnings(output);
        await _deployment.DisposeAsync();
    }

    [Fact]
    public async Task PostToWorker_OwnerStoppedAndCatalogStale_AcceptedAtOnceAndStoredAndRunOnceWhenOwnerIsBack()
    {
        using (var ownerApi = _deployment.Owner.CreateBearerClient(Token))
        {
            await new RunsApi(ownerApi).CreateWorkflowAsync(Route, Route, """[{"name":"note","type":"log","settings":{"message":"kept {{ event.data.id }}"}}]""");
        }

        var worker = _deployment.Worker;
        await UntilDispatchAsync(worker, DispatchMode.Nats, TimeSpan.FromSeconds(60));
        var sender = new ScaleOutSender(worker.BaseAddress, Route, TimeSpan.FromSeconds(60));
        Assert.True(await sender.SendAsync("before", CancellationToken.None), string.Join('\n', sender.Unexpected));
        await UntilAsync(() => Count(_deployment.Owner, "SELECT COUNT(*) FROM runs WHERE State = 'Succeeded'") == 1, "the first event's run", TimeSpan.FromSeconds(60));

        await _deployment.StopOwnerAsync();
        // What the worker's periodic refresh or a reconnect does: the next request reloads, and no owner answers.
        worker.Services.GetRequiredService<DefinitionChangeNotifier>().NotifyChanged();
        worker.Services.GetRequiredService<TokenCache>().Invalidate();
        using var client = new HttpClient { BaseAddress = worker.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        var answers = new List<string>();
        for (var i = 0; i < EventsWhileDown; i++)
        {
            using var response = await PostAsync(client, $"down-{i}");
            answers.Add($"down-{i}: {(int)response.StatusCode}");
        }

        Assert.All(answers, a => Assert.EndsWith(": 202", a, StringComparison.Ordinal));

        await using (var fresh = await _deployment.StartWorkerAsync("fresh-worker"))
        {
            using var freshClient = new HttpClient { BaseAddress = fresh.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
            using var refused = await PostAsync(freshClient, "never-loaded");
            Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
            Assert.NotNull(refused.Headers.RetryAfter);
        }

        await _deployment.StartOwnerAgainAsync();
        var owner = _deployment.Owner;
        await UntilAsync(() => Count(owner, "SELECT COUNT(*) FROM runs WHERE State = 'Succeeded'") == EventsWhileDown + 1,
            $"{EventsWhileDown + 1} succeeded runs on the owner", TimeSpan.FromSeconds(120));
        Assert.Equal(EventsWhileDown + 1, Count(owner, "SELECT COUNT(*) FROM events"));
        Assert.Equal(EventsWhileDown + 1, Count(owner, "SELECT COUNT(DISTINCT Id) FROM events WHERE Id = 'before' OR Id LIKE 'down-%'"));
        Assert.Equal(EventsWhileDown + 1, Count(owner, "SELECT COUNT(*) FROM runs"));
        Assert.Equal(0, Count(owner, "SELECT COUNT(*) FROM events WHERE Id = 'never-loaded'"));
    }

    private static Task<HttpResponseMessage> PostAsync(HttpClient client, string id) =>
        client.PostAsync($"/hooks/{Route}", new StringContent(
            $$$"""{"specversion":"1.0","id":"{{{id}}}","source":"/scale-out","type":"test.scale","datacontenttype":"application/json","data":{"id":"{{{id}}}"}}""",
            Encoding.UTF8, "application/cloudevents+json"));
}
