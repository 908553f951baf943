namespace Dashboard.Benchmarks.Load;

/// <summary>The definitions the benchmark sends to: a token-authenticated webhook with a schema, routed to a one-step workflow.</summary>
public static class BenchDefinitions
{
    public const string Route = "bench/orders";

    /// <summary>The same event without a workflow: ingest alone, no runs for the workflow runtime to execute.</summary>
    public const string RouteWithoutWorkflow = "bench/orders-only";

    /// <summary>A sync event: the sender waits for the one-step workflow's <c>respond</c> answer.</summary>
    public const string SyncRoute = "bench/quote";

    /// <summary>The JSON Schema of the benchmark event's data (YAML reads it as a flow mapping); every benchmark definition uses it.</summary>
    public const string SchemaJson =
        """{"type":"object","required":["orderId","customer","total","lines"],"properties":{"orderId":{"type":"string","minLength":1},"customer":"""
        + """{"type":"object","required":["id"],"properties":{"id":{"type":"string"},"email":{"type":"string"}}},"currency":"""
        + """{"type":"string","enum":["EUR","USD"]},"total":{"type":"number","minimum":0},"lines":"""
        + """{"type":"array","maxItems":100,"items":{"type":"object","required":["sku","quantity"],"properties":"""
        + """{"sku":{"type":"string"},"quantity":{"type":"integer","minimum":1},"price":{"type":"number"}}}}}}""";

    /// <summary>Import with <c>POST /api/definitions/import?dryRun=false</c> (scripts/bench.sh does).</summary>
    public const string Yaml = $$$"""
        version: 1
        workflows:
          - name: bench-log
            description: One log step per benchmark event.
            steps:
              - name: log
                type: log
                settings:
                  message: "bench {{ event.id }}"
          - name: bench-quote
            description: Answers a sync benchmark event with its order id and total.
            steps:
              - name: answer
                type: respond
                settings:
                  status: 200
                  body: { orderId: "{{ event.data.orderId }}", total: "{{ event.data.total }}" }
        events:
          - key: bench.orders
            description: Benchmark webhook (token auth, schema-validated).
            source: http
            route: bench/orders
            type: com.example.bench.order
            auth: token
            workflows: [bench-log]
            schema: &schema {{{SchemaJson}}}
          - key: bench.orders-only
            description: Benchmark webhook without a workflow (isolates ingestion from run execution).
            source: http
            route: bench/orders-only
            auth: token
            schema: *schema
          - key: bench.quote
            description: Benchmark sync webhook (answered with the workflow's respond step).
            source: http
            route: bench/quote
            mode: sync
            timeoutSeconds: 30
            auth: token
            workflows: [bench-quote]
            schema: *schema
            responseSchema:
              type: object
              required: [orderId]
        """;
}
