using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Dashboard.IntegrationTests.Live;

/// <summary>A minimal SignalR client over a raw WebSocket speaking the JSON hub protocol (records end with 0x1E).</summary>
public sealed class HubClient : IAsyncDisposable
{
    private const char Separator = '\u001e';
    private readonly ClientWebSocket _socket;
    private readonly StringBuilder _pending = new();
    private int _nextId;

    private HubClient(ClientWebSocket socket) => _socket = socket;

    public WebSocketState State => _socket.State;

    public static async Task<HubClient> ConnectAsync(Uri baseAddress, string path, string? queryToken = null, string? bearer = null)
    {
        var uri = new UriBuilder(baseAddress) { Scheme = "ws", Path = path, Query = queryToken is null ? "" : $"access_token={Uri.EscapeDataString(queryToken)}" }.Uri;
        var socket = new ClientWebSocket();
        if (bearer is not null)
        {
            socket.Options.SetRequestHeader("Authorization", $"Bearer {bearer}");
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await socket.ConnectAsync(uri, timeout.Token);
        var client = new HubClient(socket);
        await client.SendRawAsync("""{"protocol":"json","version":1}""");
        var handshake = await client.ReceiveAsync(TimeSpan.FromSeconds(10));
        if (handshake?["error"] is { } error)
        {
            throw new InvalidOperationException($"Handshake failed: {error}");
        }

        return client;
    }

    /// <summary>Sends an invocation and returns its id.</summary>
    public async Task<string> InvokeAsync(string target, params object?[] arguments)
    {
        var id = (++_nextId).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var message = new JsonObject
        {
            ["type"] = 1,
            ["invocationId"] = id,
            ["target"] = target,
            ["arguments"] = JsonSerializer.SerializeToNode(arguments, JsonSerializerOptions.Web),
        };
        await SendRawAsync(message.ToJsonString());
        return id;
    }

    public Task SendRawAsync(string json) =>
        _socket.SendAsync(Encoding.UTF8.GetBytes(json + Separator), WebSocketMessageType.Text, true, CancellationToken.None);

    /// <summary>Reads messages (skipping pings) until <paramref name="match"/> accepts one; null on timeout or close.</summary>
    public async Task<JsonNode?> WaitForAsync(Func<JsonNode, bool> match, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            var message = await ReceiveAsync(deadline - DateTime.UtcNow);
            if (message is null)
            {
                return null;
            }

            if (message["type"]?.GetValue<int>() != 6 && match(message))
            {
                return message;
            }
        }

        return null;
    }

    public Task<JsonNode?> CompletionAsync(string invocationId, TimeSpan timeout) =>
        WaitForAsync(m => m["type"]?.GetValue<int>() == 3 && m["invocationId"]?.GetValue<string>() == invocationId, timeout);

    public async Task<JsonNode?> ReceiveAsync(TimeSpan timeout)
    {
        var buffer = new byte[16 * 1024];
        using var cts = new CancellationTokenSource(timeout > TimeSpan.Zero ? timeout : TimeSpan.FromMilliseconds(1));
        while (true)
        {
            var text = _pending.ToString();
            var end = text.IndexOf(Separator, StringComparison.Ordinal);
            if (end >= 0)
            {
                _pending.Remove(0, end + 1);
                return JsonNode.Parse(text[..end]);
            }

            try
            {
                var result = await _socket.ReceiveAsync(buffer, cts.Token);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    return null;
                }

                _pending.Append(Encoding.UTF8.GetString(buffer, 0, result.Count));
            }
            catch (Exception ex) when (ex is OperationCanceledException or WebSocketException)
            {
                return null;
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_socket.State == WebSocketState.Open)
        {
            try
            {
                using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(2));
                await _socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "done", cts.Token);
            }
            catch (Exception ex) when (ex is OperationCanceledException or WebSocketException)
            {
            }
        }

        _socket.Dispose();
    }
}
