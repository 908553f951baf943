using System.Threading.Channels;

namespace Dashboard.Nats.Internal;

internal delegate int SpanWriter<TState>(Span<byte> destination, in TState state);

/// <summary>
/// Batching writer: commands are appended to a buffer and one loop writes everything buffered so far
/// with a single socket write. Publishers wait only when <see cref="NatsOptions.WriteBufferLimit"/> is reached;
/// while disconnected, publishes are kept up to <see cref="NatsOptions.ReconnectBufferLimit"/>.
/// </summary>
internal sealed partial class CommandWriter(NatsOptions options)
{
    private const int InitialSize = 64 * 1024;
    private readonly object _lock = new();
    private readonly Channel<bool> _signal = Channel.CreateBounded<bool>(
        new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite, SingleReader = true });

    private byte[] _pending = new byte[InitialSize];
    private byte[]? _spare = new byte[InitialSize];
    private int _pendingLength;
    private bool _connected;
    private bool _closed;
    private TaskCompletionSource _drained = NewSignal();

    public ValueTask EnqueueAsync<TState>(int maxSize, TState state, SpanWriter<TState> write, CancellationToken cancellationToken)
    {
        return TryEnqueue(maxSize, state, write, out var wait)
            ? ValueTask.CompletedTask
            : EnqueueSlowAsync(maxSize, state, write, wait, cancellationToken);
    }

    /// <summary>Appends a small protocol command; returns false when closed or (if asked) disconnected.</summary>
    public bool TryWriteRaw(ReadOnlySpan<byte> command, bool onlyIfConnected)
    {
        lock (_lock)
        {
            if (_closed || (onlyIfConnected && !_connected))
            {
                return false;
            }

            Append(command);
            return true;
        }
    }

    /// <summary>Marks the writer connected and puts <paramref name="prefix"/> (re-subscriptions) before anything buffered.</summary>
    public void Activate(ReadOnlySpan<byte> prefix)
    {
        lock (_lock)
        {
            EnsureCapacity(prefix.Length);
            Buffer.BlockCopy(_pending, 0, _pending, prefix.Length, _pendingLength);
            prefix.CopyTo(_pending);
            _pendingLength += prefix.Length;
            _connected = true;
            _signal.Writer.TryWrite(true);
        }
    }

    public void Deactivate() => SetState(connected: false, closed: false);

    public void Close() => SetState(connected: false, closed: true);

    private bool TryEnqueue<TState>(int maxSize, in TState state, SpanWriter<TState> write, out Task wait)
    {
        lock (_lock)
        {
            if (_closed)
            {
                throw new NatsConnectionException("The connection is closed.");
            }

            var limit = _connected ? options.WriteBufferLimit : options.ReconnectBufferLimit;
            if (_pendingLength == 0 || _pendingLength + maxSize <= limit)
            {
                EnsureCapacity(maxSize);
                _pendingLength += write(_pending.AsSpan(_pendingLength), state);
                _signal.Writer.TryWrite(true);
                wait = Task.CompletedTask;
                return true;
            }

            if (!_connected)
            {
                throw new NatsConnectionException(
                    $"Disconnected, and the reconnect buffer ({options.ReconnectBufferLimit} bytes) is full.");
            }

            wait = _drained.Task;
            return false;
        }
    }

    private async ValueTask EnqueueSlowAsync<TState>(
        int maxSize, TState state, SpanWriter<TState> write, Task wait, CancellationToken cancellationToken)
    {
        while (true)
        {
            await wait.WaitAsync(cancellationToken).ConfigureAwait(false);
            if (TryEnqueue(maxSize, state, write, out wait))
            {
                return;
            }
        }
    }

    private void SetState(bool connected, bool closed)
    {
        lock (_lock)
        {
            _connected = connected;
            _closed |= closed;
            ReleaseWaiters(closed ? new NatsConnectionException("The connection is closed.") : null);
        }
    }

    private void Append(ReadOnlySpan<byte> bytes)
    {
        EnsureCapacity(bytes.Length);
        bytes.CopyTo(_pending.AsSpan(_pendingLength));
        _pendingLength += bytes.Length;
        _signal.Writer.TryWrite(true);
    }

    private void EnsureCapacity(int extra)
    {
        if (_pendingLength + extra > _pending.Length)
        {
            var bigger = new byte[Math.Max(_pendingLength + extra, _pending.Length * 2)];
            Buffer.BlockCopy(_pending, 0, bigger, 0, _pendingLength);
            _pending = bigger;
        }
    }

    private void ReleaseWaiters(Exception? error)
    {
        var drained = _drained;
        _drained = NewSignal();
        if (error is null)
        {
            drained.TrySetResult();
        }
        else
        {
            drained.TrySetException(error);
        }
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
