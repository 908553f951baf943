using System.Threading.Channels;
using Dashboard.Data;
using Dashboard.Data.Entities;
using Dashboard.Nats;
using Dashboard.Nats.JetStream;
using Dashboard.Runtime.Definitions;
using Dashboard.Runtime.ScaleOut;
using Dashboard.Runtime.Sources;
using Dashboard.Runtime.Streaming;
using Dashboard.Runtime.Workflows.Running;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Dashboard.Runtime.Eventing;

/// <summary>
/// Owns the one NATS connection: connects when Eventing:Mode is Nats (or when Nats:Url is set and NATS-source definitions
/// exist), retries until the server answers, keeps a bounded history of state changes, and in Nats mode sets up the
/// stream and durable consumer and switches dispatch between JetStream and the embedded fallback.
/// </summary>
public sealed partial class NatsConnectionManager(
    IOptions<EventingOptions> options,
    IOptions<RuntimeOptions> runtime,
    IDbContextFactory<DashboardDbContext> dbFactory,
    DefinitionChangeNotifier changes,
    WorkflowDispatcher dispatcher,
    ActivityRecorder activity,
    TimeProvider clock,
    ILogger<NatsConnectionManager> logger) : BackgroundService
{
    private static readonly TimeSpan RetryMin = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan RetryMax = TimeSpan.FromSeconds(2);
    private readonly object _lock = new();
    private readonly RingBuffer<ConnectionStateEntry> _history = new(options.Value.Nats.HistoryCapacity);
    private readonly Channel<bool> _activate = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private NatsConnection? _connection;
    private NatsJetStream? _jetStream;
    private DispatchMode _dispatch = options.Value.IsNatsMode ? DispatchMode.Starting : DispatchMode.Embedded;
    private DateTimeOffset? _dispatchSince;
    private string? _lastError;
    private bool _wanted;
    private CancellationToken _stopping;

    /// <summary>Raised when a new connection object is available (subscribers subscribe on it).</summary>
    public event Action? ConnectionAvailable;

    public EventingOptions Options => options.Value;

    public NatsConnection? Connection => Volatile.Read(ref _connection);

    /// <summary>Set once the stream and consumer exist on the current connection (Nats mode).</summary>
    public NatsJetStream? JetStream => Volatile.Read(ref _jetStream);

    public DispatchMode Dispatch
    {
        get
        {
            lock (_lock)
            {
                return _dispatch;
            }
        }
    }

    /// <summary>True while runs are queued on JetStream (connected, stream and consumer ready).</summary>
    public bool IsNatsDispatchActive => Dispatch == DispatchMode.Nats && Connection?.State == NatsConnectionState.Connected;

    public bool ConnectionWanted => Volatile.Read(ref _wanted);

    public (IReadOnlyList<ConnectionStateEntry> Entries, long Dropped, DateTimeOffset? DispatchSince, string? LastError) Snapshot()
    {
        lock (_lock)
        {
            return ([.. _history], _history.Dropped, _dispatchSince, _lastError);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        _stopping = stoppingToken;
        try
        {
            if (!await WaitUntilWantedAsync(stoppingToken).ConfigureAwait(false))
            {
                return;
            }

            Volatile.Write(ref _wanted, true);
            var connection = await ConnectWithRetryAsync(stoppingToken).ConfigureAwait(false);
            Volatile.Write(ref _connection, connection);
            ConnectionAvailable?.Invoke();
            if (!Options.IsNatsMode)
            {
                await Task.Delay(Timeout.Infinite, stoppingToken).ConfigureAwait(false);
            }

            _activate.Writer.TryWrite(true);
            await foreach (var _ in _activate.Reader.ReadAllAsync(stoppingToken).ConfigureAwait(false))
            {
                await ActivateAsync(connection, stoppingToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken).ConfigureAwait(false);
        if (Interlocked.Exchange(ref _connection, null) is { } connection)
        {
            Volatile.Write(ref _jetStream, null);
            await connection.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>Nats mode always connects; Embedded mode only when a URL is configured and a NATS-source definition exists.</summary>
    private async Task<bool> WaitUntilWantedAsync(CancellationToken stoppingToken)
    {
        if (Options.IsNatsMode)
        {
            return true;
        }

        if (string.IsNullOrWhiteSpace(Options.Nats.Url))
        {
            return false;
        }

        var changed = new SemaphoreSlim(0);
        changes.Changed += OnChanged;
        try
        {
            while (!await HasNatsSourcesAsync(stoppingToken).ConfigureAwait(false))
            {
                await changed.WaitAsync(stoppingToken).ConfigureAwait(false);
            }

            return true;
        }
        finally
        {
            changes.Changed -= OnChanged;
        }

        void OnChanged() => changed.Release();
    }

    private async Task<bool> HasNatsSourcesAsync(CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        return await db.EventDefinitions.AnyAsync(d => d.SourceKind == EventSourceKind.Nats && d.Enabled, cancellationToken).ConfigureAwait(false);
    }

    private async Task<NatsConnection> ConnectWithRetryAsync(CancellationToken stoppingToken)
    {
        var delay = RetryMin;
        var attempt = 0;
        while (true)
        {
            var connection = new NatsConnection(ConnectionOptions());
            connection.StateChanged += OnStateChanged;
            try
            {
                await connection.ConnectAsync(stoppingToken).ConfigureAwait(false);
                LogConnected(logger, Options.Nats.EffectiveUrl, connection.ServerInfo?.Version ?? "?");
                return connection;
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                connection.StateChanged -= OnStateChanged;
                await connection.DisposeAsync().ConfigureAwait(false);
                SetLastError(ex.Message);
                if (attempt++ % 30 == 0)
                {
                    LogConnectFailed(logger, Options.Nats.EffectiveUrl, ex.Message, attempt);
                }

                EnterFallback($"cannot connect to {Options.Nats.EffectiveUrl}: {ex.Message}");
            }

            await Task.Delay(delay, clock, stoppingToken).ConfigureAwait(false);
            delay = delay * 2 < RetryMax ? delay * 2 : RetryMax;
        }
    }

    private NatsOptions ConnectionOptions()
    {
        var nats = Options.Nats;
        return new NatsOptions
        {
            Url = nats.EffectiveUrl,
            Name = "event-runtime-dashboard",
            Token = string.IsNullOrEmpty(nats.Token) ? null : nats.Token,
            User = string.IsNullOrEmpty(nats.User) ? null : nats.User,
            Password = string.IsNullOrEmpty(nats.Password) ? null : nats.Password,
            ConnectTimeout = TimeSpan.FromSeconds(2),
            ReconnectDelayMax = RetryMax,
            Log = line => LogClient(logger, line),
        };
    }

    private void OnStateChanged(object? sender, NatsConnectionStateChangedEventArgs e)
    {
        lock (_lock)
        {
            _history.Add(new ConnectionStateEntry(clock.GetUtcNow(), e.State.ToString(), e.Reason));
        }

        if (e.State is NatsConnectionState.Disconnected or NatsConnectionState.Reconnecting && !_stopping.IsCancellationRequested)
        {
            if (e.Reason is not null)
            {
                SetLastError(e.Reason);
            }

            EnterFallback($"connection lost: {e.Reason ?? e.State.ToString()}");
        }
        else if (e.State == NatsConnectionState.Connected && e.Previous == NatsConnectionState.Reconnecting && Options.IsNatsMode)
        {
            _activate.Writer.TryWrite(true);
        }
    }

    private void SetLastError(string message)
    {
        lock (_lock)
        {
            _lastError = message;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Connected to NATS at {Url} (server {Version})")]
    private static partial void LogConnected(ILogger logger, string url, string version);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Cannot connect to NATS at {Url}: {Reason} (attempt {Attempt}); retrying")]
    private static partial void LogConnectFailed(ILogger logger, string url, string reason, int attempt);

    [LoggerMessage(Level = LogLevel.Debug, Message = "{Line}")]
    private static partial void LogClient(ILogger logger, string line);
}
