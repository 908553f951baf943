using System.Net;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;

namespace Dashboard.IntegrationTests.WebSockets;

/// <summary>A real <see cref="ClientWebSocket"/> to <c>/ws/{route}</c> that sends frames and reads the JSON answers.</summary>
public sealed class EventSocket : IAsyncDisposable
{
    private readonly ClientWebSocket _socket;

    private EventSocket(ClientWebSocket socket) => _socket = socket;

    public WebSocketState State => _socket.State;

    public static async Task<EventSocket> ConnectAsync(Uri baseAddress, string route, string? bearer = null, string? query = null,
        IReadOnlyDictionary<string, string>? headers = null)
    {
        var socket = NewSocket(bearer, headers);
        await socket.ConnectAsync(Address(baseAddress, route, query), Timeout());
        return new EventSocket(socket);
    }

    /// <summary>The handshake's HTTP status when the server refuses the upgrade.</summary>
    public static async Task<HttpStatusCode> RefusedStatusAsync(Uri baseAddress, string route, string? bearer = null, string? query = null)
    {
        using var socket = NewSocket(bearer, null);
        await Assert.ThrowsAsync<WebSocketException>(() => socket.ConnectAsync(Address(baseAddress, route, query), Timeout()));
        return socket.HttpStatusCode;
    }

    public Task SendTextAsync(string text) =>
        _socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, endOfMessage: true, Timeout());

    public Task SendBinaryAsync(byte[] bytes) => _socket.SendAsync(bytes, WebSocketMessageType.Binary, endOfMessage: true, Timeout());

    /// <summary>The next answer; fails when none arrives within 30 s or the server closes instead.</summary>
    public async Task<JsonElement> ReceiveAsync()
    {
        var buffer = new byte[64 * 1024];
        using var message = new MemoryStream();
        while (true)
        {
            var received = await _socket.ReceiveAsync(buffer, Timeout());
            Assert.NotEqual(WebSocketMessageType.Close, received.MessageType);
            message.Write(buffer, 0, received.Count);
            if (received.EndOfMessage)
            {
                return JsonDocument.Parse(message.ToArray()).RootElement.Clone();
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_socket.State == WebSocketState.Open)
        {
            try
            {
                await _socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "done", Timeout());
            }
            catch (Exception ex) when (ex is WebSocketException or OperationCanceledException)
            {
            }
        }

        _socket.Dispose();
    }

    private static ClientWebSocket NewSocket(string? bearer, IReadOnlyDictionary<string, string>? headers)
    {
        var socket = new ClientWebSocket();
        socket.Options.CollectHttpResponseDetails = true;
        if (bearer is not null)
        {
            socket.Options.SetRequestHeader("Authorization", $"Bearer {bearer}");
        }

        foreach (var (name, value) in headers ?? new Dictionary<string, string>())
        {
            socket.Options.SetRequestHeader(name, value);
        }

        return socket;
    }

    private static Uri Address(Uri baseAddress, string route, string? query) =>
        new($"ws://{baseAddress.Authority}/ws/{route}{(query is null ? "" : "?" + query)}");

    private static CancellationToken Timeout() => new CancellationTokenSource(TimeSpan.FromSeconds(30)).Token;
}
