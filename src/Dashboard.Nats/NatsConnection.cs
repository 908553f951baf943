using Dashboard.Nats.Internal;

namespace Dashboard.Nats;

/// <summary>
/// A NATS connection with automatic reconnect. Create it, call <see cref="ConnectAsync"/> once, and dispose it
/// to close. After the first successful connect, a lost connection is re-established with jittered backoff and
/// every live subscription is sent again (several comma-separated URLs are tried in turn); <see cref="StateChanged"/> reports each transition with its reason.
/// </summary>
public sealed partial class NatsConnection : IAsyncDisposable
{
    private readonly object _stateLock = new();
    private readonly object _subLock = new();
    private readonly CancellationTokenSource _disposeCts = new();
    private readonly IReadOnlyList<ServerEndpoint> _endpoints;
    private readonly CommandWriter _writer;
    private readonly PongTracker _pongs = new();
    private readonly SubscriptionTable _subs = new();
    private readonly InboxMux _inbox;
    private readonly string _inboxPrefix = "_INBOX." + Nuid.Next();
    private NatsConnectionState _state = NatsConnectionState.Disconnected;
    private Task? _loop;
    private int _endpointIndex;
    private int _disposed;

    public NatsConnection(NatsOptions? options = null)
    {
        Options = options ?? new NatsOptions();
        _endpoints = ServerEndpoint.ParseAll(Options);
        _writer = new CommandWriter(Options);
        _inbox = new InboxMux(_inboxPrefix + ".R");
    }

    public event EventHandler<NatsConnectionStateChangedEventArgs>? StateChanged;

    /// <summary>A <c>-ERR</c> from the server (permission violations included).</summary>
    public event EventHandler<NatsServerErrorEventArgs>? ServerError;

    /// <summary>A subscription started dropping messages (raised once per episode).</summary>
    public event EventHandler<NatsSlowConsumerEventArgs>? SlowConsumer;

    public NatsOptions Options { get; }

    public NatsConnectionState State
    {
        get
        {
            lock (_stateLock)
            {
                return _state;
            }
        }
    }

    /// <summary>The INFO of the server currently (or last) connected.</summary>
    public NatsServerInfo? ServerInfo { get; private set; }

    /// <summary>Connects once; throws (for example <see cref="NatsAuthorizationException"/>) if the first attempt fails.</summary>
    public async Task ConnectAsync(CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed != 0, this);
        if (_loop is not null)
        {
            throw new InvalidOperationException("The connection is already started.");
        }

        SetState(NatsConnectionState.Connecting, null);
        Session? session = null;
        for (var i = 0; session is null; i++)
        {
            try
            {
                session = await Session.ConnectAsync(Options, _endpoints[i], cancellationToken).ConfigureAwait(false);
                _endpointIndex = i;
            }
            catch (Exception ex) when (i + 1 < _endpoints.Count && ex is not (NatsAuthorizationException or OperationCanceledException))
            {
                Log($"Cannot connect to {_endpoints[i].Host}:{_endpoints[i].Port}: {ex.Message}");
            }
            catch (Exception ex)
            {
                SetState(NatsConnectionState.Disconnected, ex.Message);
                throw;
            }
        }

        Activate(session);
        _loop = Task.Run(() => RunAsync(session));
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        if (State == NatsConnectionState.Connected)
        {
            try
            {
                await FlushAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(2)).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is NatsException or TimeoutException)
            {
                Log($"Final flush failed: {ex.Message}");
            }
        }

        await _disposeCts.CancelAsync().ConfigureAwait(false);
        if (_loop is not null)
        {
            await _loop.ConfigureAwait(false);
        }

        var closed = new NatsConnectionException("The connection is closed.");
        _writer.Close();
        _pongs.FailAll(closed);
        _inbox.Fault(closed);
        foreach (var entry in _subs.All)
        {
            if (entry.Sink is NatsSubscription subscription)
            {
                subscription.Complete();
            }
        }

        SetState(NatsConnectionState.Closed, "Disposed.");
        _disposeCts.Dispose();
    }

    private void SetState(NatsConnectionState state, string? reason)
    {
        NatsConnectionState previous;
        lock (_stateLock)
        {
            previous = _state;
            if (previous == NatsConnectionState.Closed)
            {
                return;
            }

            _state = state;
        }

        Log($"{previous} -> {state}: {reason}");
        Raise(StateChanged, new NatsConnectionStateChangedEventArgs(previous, state, reason));
    }

    private void Raise<T>(EventHandler<T>? handler, T args)
    {
        try
        {
            handler?.Invoke(this, args);
        }
        catch (Exception ex)
        {
            Log($"An event handler threw: {ex.Message}");
        }
    }

    private void Log(string message) => Options.Log?.Invoke($"nats: {message}");
}
