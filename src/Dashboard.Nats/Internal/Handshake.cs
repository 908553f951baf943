using System.Net.Security;
using System.Text;
using System.Text.Json;

namespace Dashboard.Nats.Internal;

/// <summary>INFO → optional TLS upgrade → CONNECT + PING → PONG (or -ERR).</summary>
internal static class Handshake
{
    public static async Task<(Stream Stream, ProtocolReader Reader, NatsServerInfo Info)> RunAsync(
        Stream network, NatsOptions options, ServerEndpoint endpoint, CancellationToken cancellationToken)
    {
        Stream stream = network;
        var reader = new ProtocolReader(stream);
        var op = await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
        if (op.Kind != ServerOpKind.Info)
        {
            throw new NatsProtocolException("The server did not start with INFO.");
        }

        var info = Session.ParseInfo(reader.Slice(op.Text));
        var tls = info.TlsRequired || endpoint.Tls;
        if (tls)
        {
            reader.Dispose();
            var ssl = new SslStream(network, leaveInnerStreamOpen: false);
            await ssl.AuthenticateAsClientAsync(TlsOptions(options, endpoint), cancellationToken).ConfigureAwait(false);
            stream = ssl;
            reader = new ProtocolReader(ssl);
        }

        await stream.WriteAsync(Connect(options, endpoint, tls), cancellationToken).ConfigureAwait(false);
        await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
        while (true)
        {
            op = await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            switch (op.Kind)
            {
                case ServerOpKind.Pong:
                    return (stream, reader, info);
                case ServerOpKind.Info:
                    info = Session.ParseInfo(reader.Slice(op.Text));
                    break;
                case ServerOpKind.Ping:
                    await stream.WriteAsync("PONG\r\n"u8.ToArray(), cancellationToken).ConfigureAwait(false);
                    break;
                case ServerOpKind.Ok:
                    break;
                case ServerOpKind.Err:
                    var message = Session.ErrorText(reader.Slice(op.Text));
                    throw message.Contains("Authorization", StringComparison.OrdinalIgnoreCase)
                        || message.Contains("Authentication", StringComparison.OrdinalIgnoreCase)
                        ? new NatsAuthorizationException($"The server rejected the credentials: {message}")
                        : new NatsConnectionException($"The server refused the connection: {message}");
                default:
                    throw new NatsProtocolException("The server sent a message before the handshake completed.");
            }
        }
    }

    private static SslClientAuthenticationOptions TlsOptions(NatsOptions options, ServerEndpoint endpoint)
    {
        var given = options.TlsOptions;
        return new SslClientAuthenticationOptions
        {
            TargetHost = given?.TargetHost ?? endpoint.Host,
            RemoteCertificateValidationCallback = given?.RemoteCertificateValidationCallback,
            ClientCertificates = given?.ClientCertificates,
            EnabledSslProtocols = given?.EnabledSslProtocols ?? default,
            CertificateRevocationCheckMode = given?.CertificateRevocationCheckMode ?? default,
        };
    }

    private static byte[] Connect(NatsOptions options, ServerEndpoint endpoint, bool tls)
    {
        var request = new ConnectRequest
        {
            TlsRequired = tls,
            Name = options.Name,
            AuthToken = endpoint.Token,
            User = endpoint.User,
            Pass = endpoint.Password,
        };
        var json = JsonSerializer.Serialize(request, CoreJsonContext.Default.ConnectRequest);
        return Encoding.UTF8.GetBytes($"CONNECT {json}\r\nPING\r\n");
    }
}
