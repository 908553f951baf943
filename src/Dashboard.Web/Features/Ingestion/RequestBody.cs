namespace Dashboard.Web.Features.Ingestion;

/// <summary>Reads a request body up to a limit; null when it is larger (answered 413 without reading the rest).</summary>
internal static class RequestBody
{
    public static async Task<ReadOnlyMemory<byte>?> ReadAsync(HttpRequest request, int maxBytes, CancellationToken cancellationToken)
    {
        if (request.ContentLength > maxBytes)
        {
            return null;
        }

        // One byte beyond a declared length lets the last read see the end of the body without growing the buffer.
        var capacity = request.ContentLength is { } length ? (int)length + 1 : 4096;
        var buffer = new byte[capacity];
        var total = 0;
        while (true)
        {
            if (total == buffer.Length)
            {
                if (buffer.Length > maxBytes)
                {
                    return null;
                }

                Array.Resize(ref buffer, Math.Min(buffer.Length * 2, maxBytes + 1));
            }

            var read = await request.Body.ReadAsync(buffer.AsMemory(total), cancellationToken);
            if (read == 0)
            {
                break;
            }

            total += read;
            if (total > maxBytes)
            {
                return null;
            }
        }

        return buffer.AsMemory(0, total);
    }
}
