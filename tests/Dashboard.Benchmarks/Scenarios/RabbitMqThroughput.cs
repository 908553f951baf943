using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using Dashboard.Benchmarks.Load;
using Dashboard.Benchmarks.Measure;

namespace Dashboard.Benchmarks.Scenarios;

/// <summary>
/// RabbitMQ source throughput: a fresh durable queue pre-filled with <c>--amqp-events</c> persistent ~1 KB structured
/// CloudEvents (publisher confirms), then a <c>rabbitmq</c> definition for it, routed to the one-step workflow, is imported;
/// timed from the import until every event is stored. The definition is deleted and the queue dropped after each run.
/// Needs the broker (<c>--amqp-url</c>, which the app under test also has as <c>RabbitMq:Uri</c>) and the store.
/// </summary>
public sealed class RabbitMqThroughput : IScenario
{
    /// <summary>Unacknowledged deliveries the source may hold: well above the 64 it ingests at once, so it never waits on the broker.</summary>
    private const int Prefetch = 256;
    private static readonly TimeSpan StallTimeout = TimeSpan.FromSeconds(60);

    public string Name => "RabbitMQ source throughput";

    public IReadOnlyList<MetricSpec> Metrics { get; } =
    [
        new("events/s", "/s", Baseline: SingleIngest.KeyFor(structured: false)),
        new("pre-fill publish/s", "/s"),
    ];

    public Task<string?> Unavailable(BenchContext context, CancellationToken cancellationToken) =>
        Task.FromResult(context.Options switch
        {
            { AmqpUrl: null } => "no RabbitMQ broker was given (--amqp-url); scripts/bench.sh starts one when rabbitmq-server is installed",
            { DataPath: null } => "needs the app's data folder (--data) to count stored events",
            _ => (string?)null,
        });

    public async Task<ScenarioRun> RunOnceAsync(BenchContext context, CancellationToken cancellationToken)
    {
        var options = context.Options;
        var runId = $"rmq{Environment.ProcessId}-{DateTime.UtcNow:HHmmssfff}";
        var events = new CloudEventRequests(options.BaseUrl, token: null, runId);
        await using var queue = await RabbitMqQueue.DeclareAsync(options.AmqpUrl!, $"bench.{runId}", cancellationToken);

        var publishing = Stopwatch.StartNew();
        await queue.PublishAsync(events, options.AmqpEvents, cancellationToken);
        var publishPerSecond = options.AmqpEvents / publishing.Elapsed.TotalSeconds;
        BenchContext.Log($"{Name}: {options.AmqpEvents:N0} events in queue {queue.Name} ({publishPerSecond:N0}/s)");

        using var client = new HttpClient { BaseAddress = options.BaseUrl, Timeout = TimeSpan.FromSeconds(60) };
        var key = $"bench.{runId}";
        var cpu = new CpuShare(options.AppPid);
        var elapsed = Stopwatch.StartNew();
        await ImportAsync(client, options.Token, DefinitionYaml(key, queue.Name), cancellationToken);
        var definitionId = context.Scalar($"SELECT Id FROM event_definitions WHERE Key = '{key}'")
            ?? throw new InvalidOperationException($"the imported definition {key} is not in the store");
        try
        {
            await WaitUntilStoredAsync(context, definitionId, queue, options.AmqpEvents, cancellationToken);
            elapsed.Stop();
            var (generator, app) = cpu.Stop();
            return new ScenarioRun(new Dictionary<string, double>
            {
                ["events/s"] = options.AmqpEvents / elapsed.Elapsed.TotalSeconds,
                ["pre-fill publish/s"] = publishPerSecond,
            }, generator, app);
        }
        finally
        {
            await DeleteDefinitionAsync(client, options.Token, definitionId, CancellationToken.None);
            await queue.DeleteAsync(TimeSpan.FromSeconds(30), CancellationToken.None);
            await context.WaitForRunsToDrainAsync(TimeSpan.FromSeconds(300), cancellationToken);
        }
    }

    /// <summary>Polls the store until <paramref name="count"/> events of the definition are stored; fails when none was
    /// stored for <see cref="StallTimeout"/>, naming how many the source rejected.</summary>
    private static async Task WaitUntilStoredAsync(BenchContext context, long definitionId, RabbitMqQueue queue, int count, CancellationToken cancellationToken)
    {
        long stored = 0;
        var lastProgress = Stopwatch.StartNew();
        while (true)
        {
            var now = context.Scalar($"SELECT COUNT(*) FROM events WHERE DefinitionId = {definitionId}") ?? 0;
            if (now >= count)
            {
                return;
            }

            if (now > stored)
            {
                stored = now;
                lastProgress.Restart();
            }
            else if (lastProgress.Elapsed > StallTimeout)
            {
                var (ready, consumers) = await queue.DepthAsync(cancellationToken);
                var rejected = context.Scalar($"SELECT COUNT(*) FROM ingestion_ledger WHERE Route = 'rabbitmq:{queue.Name}' AND Status >= 400");
                throw new TimeoutException($"{stored:N0} of {count:N0} events stored, none more for {StallTimeout.TotalSeconds:N0} s; "
                    + $"{ready:N0} ready in the queue, {consumers} consumer(s), {rejected:N0} rejected by the source");
            }

            await Task.Delay(50, cancellationToken);
        }
    }

    private static string DefinitionYaml(string key, string queue) => $$"""
        version: 1
        events:
          - key: {{key}}
            description: Benchmark RabbitMQ source (pre-filled queue, schema-validated).
            source: rabbitmq
            queue: {{queue}}
            declareQueue: false
            prefetch: {{Prefetch}}
            wrapNonCloudEvents: false
            type: {{CloudEventRequests.Type}}
            auth: public
            workflows: [bench-log]
            schema: {{BenchDefinitions.SchemaJson}}
        """;

    private static async Task ImportAsync(HttpClient client, string? token, string yaml, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/definitions/import?dryRun=false")
        {
            Content = new StringContent(yaml, Encoding.UTF8, "text/yaml"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await client.SendAsync(request, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"importing the RabbitMQ definition answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(cancellationToken)}");
        }
    }

    private static async Task DeleteDefinitionAsync(HttpClient client, string? token, long id, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Delete, $"/api/event-definitions/{id}");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await client.SendAsync(request, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            BenchContext.Log($"deleting the RabbitMQ definition {id} answered {(int)response.StatusCode}; later runs may compete with its consumer");
        }
    }
}
