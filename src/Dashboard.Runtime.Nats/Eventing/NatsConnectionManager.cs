using System.Threading.Channels;
using Dashboard.Data;
using Dashboard.Data.Entities;
using Dashboard.Runtime.Common;
using Dashboard.Runtime.Contracts;
using Dashboard.Runtime.Definitions;
using Dashboard.Runtime.Streaming;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NATS.Client.Core;
using NATS.Client.JetStream;

namespace Dashboard.Runtime.Nats.Eventing;

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
    IDispatchControl dispatcher,
    ActivityRecorder activity,
    TimeProvider clock,
    ILoggerFactory loggerFactory,
    ILogger<NatsConnectionManager> logger) : BackgroundService
{
    private static readonly TimeSpan RetryMin = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan RetryMax = NatsConnectionFactory.ReconnectWaitMax;
    private readonly object _lock = new();
    private readonly RingBuffer<ConnectionStateEntry> _history = new(options.Value.Nats.HistoryCapacity);
    private readonly ChangeSignal _stateChanged = new();
    private readonly Channel<bool> _activate = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private NatsConnection? _connection;
    private NatsJSContext? _jetStream;
    private DispatchMode _dispatch = options.Value.IsNatsMode ? DispatchMode.Starting : DispatchMode.Embedded;
    private DateTimeOffset? _dispatchSince;
    private string? _lastError;
    private bool _wanted;
    private CancellationToken _stopping;

    /// <summary>Raised when a new connection object is available (subscribers subscribe on it).</summary>
    public event Action? ConnectionAvailable;

    /// <summary>Raised when the connection is open again after a loss (core NATS notices sent meanwhile were missed).</summary>
    public event Action? Reconnected;

    public EventingOptions Options => options.Value;

    /// <summary>Subscribes to connection state and dispatch mode changes (the System page refreshes on them).</summary>
    public IDisposable SubscribeStateChanged(Action changed) => _stateChanged.Subscribe(changed);

    public NatsConnection? Connection => Volatile.Read(ref _connection);

    /// <summary>Set once the stream and consumer exist on the current connection (Nats mode).</summary>
    public NatsJSContext? JetStream => Volatile.Read(ref _jetStream);

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
    public bool IsNatsDispatchActive => Dispatch == DispatchMode.Nats && Connection?.ConnectionState == NatsConnectionState.Open;

    public bool ConnectionWanted => Volatile.Read(ref _wanted);

    /// <summary>Waits for the connection (NATS.Net reconnects it and re-subscribes its subscriptions on its own).</summary>
    public async Task<NatsConnection> WaitForConnectionAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            if (Connection is { } connection)
            {
                return connection;
            }

            await Task.Delay(100, cancellationToken).ConfigureAwait(false);
        }
    }

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
            try
            {
                var connection = await NatsConnectionFactory.ConnectAsync(Options.Nats, loggerFactory, stoppingToken).ConfigureAwait(false);
                connection.ConnectionDisconnected += OnDisconnected;
                connection.ConnectionOpened += OnOpened;
                connection.ReconnectFailed += OnReconnectFailed;
                Remember("Connected", $"connected to {connection.ServerInfo?.Host}:{connection.ServerInfo?.Port}");
                LogConnected(logger, Options.Nats.EffectiveUrl, connection.ServerInfo?.Version ?? "?");
                return connection;
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                Remember("Failed", ex.Message);
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

    private ValueTask OnDisconnected(object? sender, NatsEventArgs e)
    {
        Remember("Reconnecting", e.Message);
        if (!_stopping.IsCancellationRequested)
        {
            SetLastError(e.Message);
            EnterFallback($"connection lost: {e.Message}");
        }

        return ValueTask.CompletedTask;
    }

    private ValueTask OnOpened(object? sender, NatsEventArgs e)
    {
        Remember("Connected", e.Message);
        if (Options.IsNatsMode)
        {
            _activate.Writer.TryWrite(true);
        }

        Reconnected?.Invoke();
        return ValueTask.CompletedTask;
    }

    private ValueTask OnReconnectFailed(object? sender, NatsEventArgs e)
    {
        Remember("ReconnectFailed", e.Message);
        return ValueTask.CompletedTask;
    }

    private void Remember(string state, string? reason)
    {
        lock (_lock)
        {
            _history.Add(new ConnectionStateEntry(clock.GetUtcNow(), state, string.IsNullOrEmpty(reason) ? null : reason));
        }

        _stateChanged.Raise();
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

}
