using NATS.Client.Core;
using NATS.Client.JetStream;
using NATS.Client.JetStream.Models;

namespace Dashboard.Runtime.Nats.Compatibility;

/// <summary>
/// Refuses what an older nats-server would accept and silently ignore. A 2.9 server (Debian's nats-server 2.9.10)
/// drops multiple filter subjects and consumer metadata without an error, so a consumer would read more than asked;
/// and a pull request expiring within 1 s is answered before the client's idle heartbeat can tell a dead pull from an
/// empty one. NATS.Net sends all of these without checking the server's version.
/// </summary>
public static class ServerVersionGuard
{
    /// <summary>The first server version that honours <see cref="ConsumerConfig.FilterSubjects"/> and consumer metadata.</summary>
    public static readonly Version MultipleFilterSubjects = new(2, 10, 0);

    /// <summary>The shortest fetch or next expiry this app asks for.</summary>
    public static readonly TimeSpan MinimumExpiry = TimeSpan.FromSeconds(1);

    /// <summary>"2.9.10", "v2.10.0-beta.1": the numeric part; 0.0 when absent or unreadable.</summary>
    public static Version Parse(string? version)
    {
        var text = (version ?? string.Empty).TrimStart('v');
        var end = text.IndexOfAny(['-', '+', ' ']);
        return Version.TryParse(end < 0 ? text : text[..end], out var parsed) ? parsed : new Version(0, 0);
    }

    /// <summary>Throws when <paramref name="config"/> uses a feature <paramref name="serverVersion"/> would ignore.</summary>
    public static void EnsureSupported(string? serverVersion, ConsumerConfig config)
    {
        var version = Parse(serverVersion);
        if (version >= MultipleFilterSubjects)
        {
            return;
        }

        if (config.FilterSubjects is { Count: > 1 })
        {
            throw new NotSupportedException(
                $"Consumer '{config.Name ?? config.DurableName}': nats-server {serverVersion} ignores multiple filter subjects (needs {MultipleFilterSubjects}+); use one FilterSubject.");
        }

        if (config.Metadata is { Count: > 0 })
        {
            throw new NotSupportedException(
                $"Consumer '{config.Name ?? config.DurableName}': nats-server {serverVersion} ignores consumer metadata (needs {MultipleFilterSubjects}+).");
        }
    }

    /// <summary>Returns <paramref name="expires"/> when it is over <see cref="MinimumExpiry"/>, else throws.</summary>
    public static TimeSpan Expiry(TimeSpan expires) => expires > MinimumExpiry
        ? expires
        : throw new ArgumentOutOfRangeException(nameof(expires), expires, $"A fetch or next expiry must be over {MinimumExpiry.TotalSeconds:0} s.");

    /// <summary>
    /// Creates or updates a durable consumer after checking it against the connected server's version; the one way this
    /// app creates consumers (never the create-only or update-only actions, which a 2.9 server treats as create-or-update).
    /// </summary>
    public static async ValueTask<INatsJSConsumer> CreateOrUpdateCheckedConsumerAsync(
        this INatsJSContext jetStream, INatsConnection connection, string stream, ConsumerConfig config, CancellationToken cancellationToken)
    {
        EnsureSupported(connection.ServerInfo?.Version, config);
        return await jetStream.CreateOrUpdateConsumerAsync(stream, config, cancellationToken).ConfigureAwait(false);
    }
}
