using Microsoft.Extensions.Logging;
using NATS.Client.Core;

namespace Dashboard.Runtime.Nats.Eventing;

/// <summary>How the app's one NATS connection is set up from <c>Eventing:Nats</c>: URLs, credentials, TLS and reconnects.</summary>
public static class NatsConnectionFactory
{
    /// <summary>The longest pause between reconnect attempts.</summary>
    public static readonly TimeSpan ReconnectWaitMax = TimeSpan.FromSeconds(2);

    public static NatsOpts Options(NatsEventingOptions nats, ILoggerFactory? loggerFactory = null)
    {
        var auth = NatsAuthOpts.Default;
        if (!string.IsNullOrEmpty(nats.Token))
        {
            auth = new NatsAuthOpts { Token = nats.Token };
        }
        else if (!string.IsNullOrEmpty(nats.User))
        {
            auth = new NatsAuthOpts { Username = nats.User, Password = nats.Password };
        }

        var tls = NatsTlsOpts.Default;
        if (!string.IsNullOrEmpty(nats.TlsCaFile))
        {
            tls = new NatsTlsOpts { Mode = TlsMode.Require, CaFile = nats.TlsCaFile };
        }

        return NatsOpts.Default with
        {
            Url = nats.EffectiveUrl,
            Name = "event-runtime-dashboard",
            AuthOpts = auth,
            TlsOpts = tls,
            ConnectTimeout = TimeSpan.FromSeconds(2),
            RequestTimeout = TimeSpan.FromSeconds(5),
            ReconnectWaitMin = TimeSpan.FromMilliseconds(250),
            ReconnectWaitMax = ReconnectWaitMax,
            MaxReconnectRetry = -1,
            LoggerFactory = loggerFactory ?? NatsOpts.Default.LoggerFactory,
        };
    }

    /// <summary>Connects once; throws <see cref="NatsException"/> with the server's reason (e.g. an authorization violation).</summary>
    public static async Task<NatsConnection> ConnectAsync(NatsEventingOptions nats, ILoggerFactory? loggerFactory, CancellationToken cancellationToken)
    {
        var connection = new NatsConnection(Options(nats, loggerFactory));
        try
        {
            await connection.ConnectAsync().AsTask().WaitAsync(cancellationToken).ConfigureAwait(false);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }
}
