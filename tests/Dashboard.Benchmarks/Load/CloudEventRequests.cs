using System.Net.Http.Headers;
using System.Text;

namespace Dashboard.Benchmarks.Load;

/// <summary>
/// Builds ingest requests carrying ~1 KB CloudEvents that pass the seeded definition's schema
/// (<see cref="BenchDefinitions"/>). Every event id is unique per run, so none is answered as a duplicate.
/// </summary>
public sealed class CloudEventRequests(Uri baseUrl, string? token, string runId, string route = BenchDefinitions.Route)
{
    public const string Type = "com.example.bench.order";
    private static readonly MediaTypeHeaderValue Json = MediaTypeHeaderValue.Parse("application/json");
    private static readonly MediaTypeHeaderValue Structured = MediaTypeHeaderValue.Parse("application/cloudevents+json");
    private static readonly MediaTypeHeaderValue Batch = MediaTypeHeaderValue.Parse("application/cloudevents-batch+json");

    /// <summary>The event's data: an order with enough lines to make the whole event about 1 KB.</summary>
    public static readonly string Data = BuildData();

    private readonly Uri _hook = new(baseUrl, "/hooks/" + route);
    private readonly Uri _events = new(baseUrl, "/events");

    /// <summary>Binary mode: attributes in ce-* headers, the data as the body.</summary>
    public HttpRequestMessage Binary(long n)
    {
        var message = new HttpRequestMessage(HttpMethod.Post, _hook) { Content = new ByteArrayContent(DataBytes) };
        message.Content.Headers.ContentType = Json;
        message.Headers.TryAddWithoutValidation("ce-specversion", "1.0");
        message.Headers.TryAddWithoutValidation("ce-id", $"{runId}-{n}");
        message.Headers.TryAddWithoutValidation("ce-source", "/bench");
        message.Headers.TryAddWithoutValidation("ce-type", Type);
        Authorize(message);
        return message;
    }

    /// <summary>Structured mode: the whole event as JSON.</summary>
    public HttpRequestMessage StructuredEvent(long n)
    {
        var message = new HttpRequestMessage(HttpMethod.Post, _hook) { Content = new ByteArrayContent(StructuredBytes(n)) };
        message.Content.Headers.ContentType = Structured;
        Authorize(message);
        return message;
    }

    /// <summary>The structured event (<c>application/cloudevents+json</c>) with id <c>{runId}-{n}</c>, as a broker message body.</summary>
    public byte[] StructuredBytes(long n) => Encoding.UTF8.GetBytes(EventJson(IdFor(n)));

    public string IdFor(long n) => $"{runId}-{n}";

    /// <summary>A batch of <paramref name="size"/> events to <c>POST /events</c> (routed by type), or to this builder's webhook.</summary>
    public HttpRequestMessage BatchOf(long n, int size, bool toWebhook = false)
    {
        var json = new StringBuilder(size * 1100).Append('[');
        for (var i = 0; i < size; i++)
        {
            json.Append(i == 0 ? "" : ",").Append(EventJson($"{runId}-b{n}-{i}"));
        }

        var message = new HttpRequestMessage(HttpMethod.Post, toWebhook ? _hook : _events) { Content = new ByteArrayContent(Encoding.UTF8.GetBytes(json.Append(']').ToString())) };
        message.Content.Headers.ContentType = Batch;
        Authorize(message);
        return message;
    }

    public static int EventSize => Encoding.UTF8.GetByteCount(EventJson("bench-000000-0000000"));

    private static readonly byte[] DataBytes = Encoding.UTF8.GetBytes(Data);

    private static string EventJson(string id) =>
        $$"""{"specversion":"1.0","id":"{{id}}","source":"/bench","type":"{{Type}}","datacontenttype":"application/json","data":{{Data}}}""";

    private void Authorize(HttpRequestMessage message)
    {
        if (token is not null)
        {
            message.Headers.TryAddWithoutValidation("Authorization", "Bearer " + token);
        }
    }

    private static string BuildData()
    {
        var lines = string.Join(",", Enumerable.Range(1, 9).Select(i =>
            $$"""{"sku":"SKU-{{i:D6}}","name":"Benchmark item number {{i}}","quantity":{{i}},"price":{{i * 3}}.5}"""));
        return $$"""{"orderId":"ORD-2024-000001","customer":{"id":"C-1001","name":"Ada Lovelace","email":"ada@example.com"},"currency":"EUR","total":412.5,"lines":[{{lines}}],"note":"benchmark payload"}""";
    }
}
