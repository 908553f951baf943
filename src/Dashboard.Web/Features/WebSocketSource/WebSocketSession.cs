using System.Net.WebSockets;
using System.Threading.Channels;
using Dashboard.Runtime.Ingestion;

namespace Dashboard.Web.Features.WebSocketSource;

/// <summary>
/// One open connection: reads frames, hands each to the ingestion pipeline, and answers each with its result in the
/// order the frames came. At most <c>maxInFlight</c> frames wait for the store; then reading stops until the oldest
/// is answered. While the store's queue is full, frames are answered "retry" at once without being stored.
/// </summary>
internal sealed class WebSocketSession(
    WebSocket socket, IngestionPipeline pipeline, DefinitionCatalog.Definition definition, IngestionRequest frames, int maxFrameBytes, int maxInFlight)
{
    private readonly byte[] _chunk = new byte[16 * 1024];

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var pending = Channel.CreateBounded<(long Frame, Task<IngestionResult> Result)>(
            new BoundedChannelOptions(maxInFlight) { SingleReader = true, SingleWriter = true, FullMode = BoundedChannelFullMode.Wait });
        var answering = AnswerAsync(pending.Reader, stop);
        try
        {
            long number = 0;
            while (await ReceiveAsync(stop.Token) is { } frame)
            {
                number++;
                await pending.Writer.WriteAsync((number, Handle(frame, stop.Token)), stop.Token);
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException)
        {
            // The client went away (or the app is stopping): nothing more to read.
        }
        finally
        {
            pending.Writer.TryComplete();
        }

        await answering;
        await CloseAsync();
    }

    private Task<IngestionResult> Handle(Frame frame, CancellationToken cancellationToken)
    {
        if (frame.TooLarge)
        {
            return pipeline.RejectAsync(frames, definition, 413, Outcomes.TooLarge, "Frame too large",
                $"The frame is larger than {maxFrameBytes} bytes.", cancellationToken);
        }

        if (frame.Type == WebSocketMessageType.Binary)
        {
            return pipeline.RejectAsync(frames, definition, 415, Outcomes.UnsupportedMediaType, "Binary frame",
                "Send each CloudEvent, or batch of them, as a text frame of JSON.", cancellationToken);
        }

        var request = frames with { Body = frame.Body, ContentType = IsArray(frame.Body.Span) ? "application/cloudevents-batch+json" : "application/cloudevents+json" };
        return pipeline.RefuseWhenFull(request) is { } refused ? Task.FromResult(refused) : pipeline.IngestAsync(request, cancellationToken);
    }

    private async Task AnswerAsync(ChannelReader<(long Frame, Task<IngestionResult> Result)> pending, CancellationTokenSource stop)
    {
        try
        {
            await foreach (var (frame, result) in pending.ReadAllAsync(CancellationToken.None))
            {
                var answer = FrameResults.ToJson(frame, await result);
                await socket.SendAsync(answer, WebSocketMessageType.Text, endOfMessage: true, stop.Token);
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or ObjectDisposedException)
        {
            // Nobody to answer any more: stop reading too.
            await stop.CancelAsync();
        }
    }

    /// <summary>The next whole message; null when the client closed. One over the limit is drained and marked, never buffered.</summary>
    private async Task<Frame?> ReceiveAsync(CancellationToken cancellationToken)
    {
        var body = Array.Empty<byte>();
        var total = 0;
        var tooLarge = false;
        while (true)
        {
            var received = await socket.ReceiveAsync(_chunk.AsMemory(), cancellationToken);
            if (received.MessageType == WebSocketMessageType.Close)
            {
                return null;
            }

            if (!tooLarge && total + received.Count > maxFrameBytes)
            {
                tooLarge = true;
                body = [];
            }

            if (!tooLarge)
            {
                if (total + received.Count > body.Length)
                {
                    Array.Resize(ref body, Math.Min(maxFrameBytes, Math.Max(body.Length * 2, total + received.Count)));
                }

                _chunk.AsSpan(0, received.Count).CopyTo(body.AsSpan(total));
                total += received.Count;
            }

            if (received.EndOfMessage)
            {
                return new Frame(received.MessageType, tooLarge ? ReadOnlyMemory<byte>.Empty : body.AsMemory(0, total), tooLarge);
            }
        }
    }

    private async Task CloseAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        try
        {
            if (socket.State == WebSocketState.CloseReceived)
            {
                await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "bye", timeout.Token);
            }
            else if (socket.State == WebSocketState.Open)
            {
                await socket.CloseAsync(WebSocketCloseStatus.EndpointUnavailable, "server stopping", timeout.Token);
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException)
        {
            // Already gone.
        }
    }

    /// <summary>A batch is a JSON array; anything else is read as one structured CloudEvent (and rejected if it is not).</summary>
    private static bool IsArray(ReadOnlySpan<byte> body)
    {
        foreach (var b in body)
        {
            if (b is not ((byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n'))
            {
                return b == (byte)'[';
            }
        }

        return false;
    }

    private sealed record Frame(WebSocketMessageType Type, ReadOnlyMemory<byte> Body, bool TooLarge);
}
