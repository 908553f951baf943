using System.Collections.Concurrent;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;

namespace Dashboard.Benchmarks.Live;

/// <summary>
/// One external <c>/hubs/live</c> client (WebSockets, bearer token) subscribed to ingestion outcomes; records, per event
/// id, the Unix ms at which its item arrived.
/// </summary>
public sealed class HubClient : IAsyncDisposable
{
    private readonly HubConnection _connection;

    private HubClient(HubConnection connection) => _connection = connection;

    private long _messages;
    private long _items;

    public ConcurrentDictionary<string, double> Seen { get; } = new(StringComparer.Ordinal);

    /// <summary><c>live</c> messages received.</summary>
    public long Messages => Interlocked.Read(ref _messages);

    /// <summary>Items those messages carried.</summary>
    public long Items => Interlocked.Read(ref _items);

    public static async Task<HubClient> ConnectAsync(Uri baseUrl, string token, CancellationToken cancellationToken)
    {
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(baseUrl, "/hubs/live"), options =>
            {
                options.AccessTokenProvider = () => Task.FromResult<string?>(token);
                options.Transports = HttpTransportType.WebSockets;
                options.SkipNegotiation = true;
            })
            .Build();
        var client = new HubClient(connection);
        connection.On<HubBatch>("live", client.Record);
        await connection.StartAsync(cancellationToken);
        await connection.InvokeAsync<object>("Subscribe", new { kinds = new[] { "Ingestion" } }, cancellationToken);
        return client;
    }

    private void Record(HubBatch batch)
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        Interlocked.Increment(ref _messages);
        Interlocked.Add(ref _items, batch.Items.Count);
        foreach (var item in batch.Items)
        {
            if (item.EventId is { } id)
            {
                Seen.TryAdd(id, now);
            }
        }
    }

    public ValueTask DisposeAsync() => _connection.DisposeAsync();

    private sealed record HubBatch(List<HubItem> Items, long Dropped);

    private sealed record HubItem(string Kind, string? EventId, string Outcome);
}
