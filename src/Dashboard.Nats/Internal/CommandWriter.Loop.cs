namespace Dashboard.Nats.Internal;

internal sealed partial class CommandWriter
{
    /// <summary>Writes batches to <paramref name="stream"/> until cancelled or the stream fails.</summary>
    public async Task RunAsync(Stream stream, CancellationToken cancellationToken)
    {
        while (true)
        {
            await _signal.Reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            byte[] batch;
            int length;
            lock (_lock)
            {
                if (_pendingLength == 0 || !_connected)
                {
                    continue;
                }

                batch = _pending;
                length = _pendingLength;
                _pending = _spare ?? new byte[InitialSize];
                _spare = null;
                _pendingLength = 0;
                ReleaseWaiters(null);
            }

            await stream.WriteAsync(batch.AsMemory(0, length), cancellationToken).ConfigureAwait(false);
            await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
            lock (_lock)
            {
                _spare = batch.Length > 8 * InitialSize ? null : batch;
            }
        }
    }
}
