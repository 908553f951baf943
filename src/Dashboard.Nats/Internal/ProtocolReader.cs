using System.Buffers;

namespace Dashboard.Nats.Internal;

/// <summary>Reads server operations from a stream into one reusable buffer.</summary>
internal sealed class ProtocolReader(Stream stream) : IDisposable
{
    private byte[] _buffer = ArrayPool<byte>.Shared.Rent(64 * 1024);
    private int _start;
    private int _end;

    public int Buffered => _end - _start;

    public ReadOnlySpan<byte> Slice(Range range) => _buffer.AsSpan()[range];

    public ReadOnlyMemory<byte> SliceMemory(Range range) => _buffer.AsMemory()[range];

    /// <summary>Reads the next operation; its ranges are valid until the next call.</summary>
    public async ValueTask<ServerOp> ReadAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var required = 1;
            if (_end > _start
                && ProtocolParser.TryParse(_buffer.AsSpan(_start, _end - _start), _start, out var op, out var consumed, out required))
            {
                _start += consumed;
                return op;
            }

            await FillAsync(Math.Max(required, 1), cancellationToken).ConfigureAwait(false);
        }
    }

    public void Dispose()
    {
        var buffer = _buffer;
        _buffer = [];
        if (buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private async ValueTask FillAsync(int required, CancellationToken cancellationToken)
    {
        var length = _end - _start;
        if (required > _buffer.Length)
        {
            var bigger = ArrayPool<byte>.Shared.Rent(Math.Max(required, _buffer.Length * 2));
            Buffer.BlockCopy(_buffer, _start, bigger, 0, length);
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = bigger;
            _start = 0;
            _end = length;
        }
        else if (_start > 0)
        {
            Buffer.BlockCopy(_buffer, _start, _buffer, 0, length);
            _start = 0;
            _end = length;
        }

        var read = await stream.ReadAsync(_buffer.AsMemory(_end), cancellationToken).ConfigureAwait(false);
        if (read == 0)
        {
            throw new NatsConnectionException("The server closed the connection.");
        }

        _end += read;
    }
}
