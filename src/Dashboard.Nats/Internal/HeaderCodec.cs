using System.Buffers.Text;
using System.Text;

namespace Dashboard.Nats.Internal;

/// <summary>Reads and writes the <c>NATS/1.0</c> header block.</summary>
internal static class HeaderCodec
{
    private static ReadOnlySpan<byte> Version => "NATS/1.0"u8;

    public static int GetLength(NatsHeaders headers)
    {
        var length = Version.Length + 2;
        foreach (var (key, value) in headers)
        {
            length += Encoding.UTF8.GetByteCount(key) + 2 + Encoding.UTF8.GetByteCount(value) + 2;
        }

        return length + 2;
    }

    public static int Write(NatsHeaders headers, Span<byte> destination)
    {
        Version.CopyTo(destination);
        var at = Version.Length;
        destination[at++] = (byte)'\r';
        destination[at++] = (byte)'\n';
        foreach (var (key, value) in headers)
        {
            at += Encoding.UTF8.GetBytes(key, destination[at..]);
            destination[at++] = (byte)':';
            destination[at++] = (byte)' ';
            at += Encoding.UTF8.GetBytes(value, destination[at..]);
            destination[at++] = (byte)'\r';
            destination[at++] = (byte)'\n';
        }

        destination[at++] = (byte)'\r';
        destination[at++] = (byte)'\n';
        return at;
    }

    public static NatsHeaders Parse(ReadOnlySpan<byte> block)
    {
        var lf = block.IndexOf("\r\n"u8);
        if (lf < 0 || !block.StartsWith(Version))
        {
            throw new NatsProtocolException("Message headers do not start with NATS/1.0.");
        }

        var (code, description) = ParseStatus(block[Version.Length..lf]);
        var headers = new NatsHeaders { StatusCode = code, StatusDescription = description };
        var rest = block[(lf + 2)..];
        while (rest.Length > 0)
        {
            var end = rest.IndexOf("\r\n"u8);
            var line = end < 0 ? rest : rest[..end];
            rest = end < 0 ? default : rest[(end + 2)..];
            if (line.IsEmpty)
            {
                continue;
            }

            var colon = line.IndexOf((byte)':');
            if (colon <= 0)
            {
                throw new NatsProtocolException("Malformed message header line.");
            }

            var key = Encoding.UTF8.GetString(line[..colon].Trim((byte)' '));
            headers.Add(key, Encoding.UTF8.GetString(line[(colon + 1)..].Trim((byte)' ')));
        }

        return headers;
    }

    private static (int? Code, string? Description) ParseStatus(ReadOnlySpan<byte> status)
    {
        status = status.Trim((byte)' ');
        if (status.IsEmpty)
        {
            return (null, null);
        }

        if (!Utf8Parser.TryParse(status, out int code, out var used) || used != 3)
        {
            throw new NatsProtocolException("Malformed status in message headers.");
        }

        var description = status[used..].Trim((byte)' ');
        return (code, description.IsEmpty ? null : Encoding.UTF8.GetString(description));
    }
}
