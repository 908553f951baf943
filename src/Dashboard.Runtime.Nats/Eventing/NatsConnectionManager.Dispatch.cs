using Dashboard.Runtime.Contracts;
using Dashboard.Runtime.Nats.Compatibility;
using Microsoft.Extensions.Logging;
using NATS.Client.Core;
using NATS.Client.JetStream;
using NATS.Client.JetStream.Models;

namespace Dashboard.Runtime.Nats.Eventing;

public sealed partial class NatsConnectionManager
{
    public const string FallbackActivityKind = "eventing-fallback";
    public const string RestoredActivityKind = "eventing-restored";
    private const string Actor = "system: eventing";

    /// <summary>The stream's configuration as this app wants it.</summary>
    public StreamConfig StreamConfig() =>
        FileStream(Options.Nats.StreamName, "Accepted events waiting for their workflow runs", Options.Nats.SubjectPrefix);

    /// <summary>Scale-out: the stream workers forward their writes on, kept until the owner has stored them.</summary>
    public StreamConfig IngestStreamConfig() =>
        FileStream(Options.Nats.IngestStreamName, "Events accepted (or rejected) by worker instances, waiting for the owner's store",
            Options.Nats.IngestSubjectPrefix);

    /// <summary>A file-backed stream of every subject under <paramref name="subjectPrefix"/>, with the configured age, duplicate window and replicas.</summary>
    private StreamConfig FileStream(string name, string description, string subjectPrefix) => new(name, [$"{subjectPrefix}.>"])
    {
        Description = description,
        Storage = StreamConfigStorage.File,
        Retention = StreamConfigRetention.Limits,
        MaxAge = TimeSpan.FromHours(Options.Nats.StreamMaxAgeHours),
        DuplicateWindow = TimeSpan.FromSeconds(Options.Nats.DuplicateWindowSeconds),
        NumReplicas = Options.Nats.Replicas,
    };

    /// <summary>Scale-out: the owner's durable consumer of the ingest stream (no delivery limit: a write is never given up).</summary>
    public ConsumerConfig IngestConsumerConfig() => new(Options.Nats.IngestConsumerName)
    {
        Description = "The owner storing forwarded writes",
        AckPolicy = ConsumerConfigAckPolicy.Explicit,
        AckWait = TimeSpan.FromSeconds(Options.Nats.AckWaitSeconds),
        MaxAckPending = Options.Nats.MaxAckPending,
        FilterSubject = $"{Options.Nats.IngestSubjectPrefix}.>",
    };

    /// <summary>The durable pull consumer the workers share.</summary>
    public ConsumerConfig ConsumerConfig() => new(Options.Nats.ConsumerName)
    {
        Description = "Workflow workers",
        AckPolicy = ConsumerConfigAckPolicy.Explicit,
        AckWait = TimeSpan.FromSeconds(Options.Nats.AckWaitSeconds),
        MaxDeliver = Options.Nats.MaxDeliver,
        MaxAckPending = Options.Nats.MaxAckPending,
        FilterSubject = $"{Options.Nats.SubjectPrefix}.>",
    };

    /// <summary>Creates or updates the stream and consumer, then hands fresh runs to the NATS workers.</summary>
    private async Task ActivateAsync(NatsConnection connection, CancellationToken stoppingToken)
    {
        if (connection.ConnectionState != NatsConnectionState.Open)
        {
            return;
        }

        var jetStream = new NatsJSContext(connection);
        try
        {
            await EnsureStreamAsync(jetStream, StreamConfig(), stoppingToken).ConfigureAwait(false);
            await jetStream.CreateOrUpdateCheckedConsumerAsync(connection, Options.Nats.StreamName, ConsumerConfig(), stoppingToken).ConfigureAwait(false);
            if (runtime.Value.IsScaleOut)
            {
                await EnsureStreamAsync(jetStream, IngestStreamConfig(), stoppingToken).ConfigureAwait(false);
                if (!runtime.Value.IsWorker)
                {
                    await jetStream.CreateOrUpdateCheckedConsumerAsync(connection, Options.Nats.IngestStreamName, IngestConsumerConfig(), stoppingToken)
                        .ConfigureAwait(false);
                }
            }
        }
        catch (Exception ex) when (ex is NatsException or TimeoutException or NotSupportedException)
        {
            SetLastError(ex.Message);
            LogSetupFailed(logger, ex, Options.Nats.StreamName);
            EnterFallback($"JetStream setup failed: {ex.Message}");
            _ = RetryActivationAsync(stoppingToken);
            return;
        }

        Volatile.Write(ref _jetStream, jetStream);
        if (connection.ConnectionState == NatsConnectionState.Open)
        {
            EnterNats();
        }
    }

    /// <summary>Creates the stream, or brings an existing one's settings in line.</summary>
    private static async Task EnsureStreamAsync(NatsJSContext jetStream, StreamConfig config, CancellationToken cancellationToken) =>
        await jetStream.CreateOrUpdateStreamAsync(config, cancellationToken).ConfigureAwait(false);

    private async Task RetryActivationAsync(CancellationToken stoppingToken)
    {
        try
        {
            await Task.Delay(TimeSpan.FromSeconds(5), clock, stoppingToken).ConfigureAwait(false);
            _activate.Writer.TryWrite(true);
        }
        catch (OperationCanceledException)
        {
        }
    }

    /// <summary>NATS is unreachable: the embedded dispatcher claims every run again.</summary>
    private void EnterFallback(string reason)
    {
        lock (_lock)
        {
            if (_dispatch is DispatchMode.Embedded or DispatchMode.Fallback)
            {
                return;
            }

            _dispatch = DispatchMode.Fallback;
            _dispatchSince = clock.GetUtcNow();
        }

        dispatcher.HoldFreshRuns(null);
        _stateChanged.Raise();
        LogFallback(logger, reason);
        Record(FallbackActivityKind, $"NATS dispatch unavailable ({reason}); workflow runs are dispatched in process until NATS is back");
    }

    /// <summary>Connected with stream and consumer ready: fresh runs go through JetStream.</summary>
    private void EnterNats()
    {
        DispatchMode previous;
        lock (_lock)
        {
            previous = _dispatch;
            if (previous is DispatchMode.Embedded or DispatchMode.Nats)
            {
                return;
            }

            _dispatch = DispatchMode.Nats;
            _dispatchSince = clock.GetUtcNow();
        }

        dispatcher.HoldFreshRuns(TimeSpan.FromSeconds(Options.Nats.FallbackAfterSeconds));
        _stateChanged.Raise();
        LogNats(logger, Options.Nats.StreamName, Options.Nats.ConsumerName);
        if (previous == DispatchMode.Fallback)
        {
            Record(RestoredActivityKind, $"NATS dispatch restored: runs are queued on stream {Options.Nats.StreamName} again");
        }
    }

    private void Record(string kind, string message) => _ = RecordAsync(kind, message);

    private async Task RecordAsync(string kind, string message)
    {
        try
        {
            await activity.RecordAsync(null, kind, message, Actor, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            LogRecordFailed(logger, ex, kind);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Setting up JetStream stream {Stream} failed; dispatching in process and retrying")]
    private static partial void LogSetupFailed(ILogger logger, Exception exception, string stream);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Eventing falls back to in-process dispatch: {Reason}")]
    private static partial void LogFallback(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Eventing dispatches through JetStream stream {Stream}, consumer {Consumer}")]
    private static partial void LogNats(ILogger logger, string stream, string consumer);

    [LoggerMessage(Level = LogLevel.Error, Message = "Recording the {Kind} activity entry failed")]
    private static partial void LogRecordFailed(ILogger logger, Exception exception, string kind);
}
