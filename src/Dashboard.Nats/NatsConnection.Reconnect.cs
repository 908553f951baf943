using Dashboard.Nats.Internal;

namespace Dashboard.Nats;

public sealed partial class NatsConnection
{
    private async Task RunAsync(Session session)
    {
        var token = _disposeCts.Token;
        while (true)
        {
            var error = await session.RunAsync(this, Options, token).ConfigureAwait(false);
            session.Dispose();
            _pongs.FailAll(new NatsConnectionException($"Disconnected: {error.Message}", error));
            if (token.IsCancellationRequested)
            {
                return;
            }

            SetState(NatsConnectionState.Disconnected, error.Message);
            var next = await ReconnectAsync(error.Message, token).ConfigureAwait(false);
            if (next is null)
            {
                return;
            }

            session = next;
            Activate(session);
        }
    }

    private async Task<Session?> ReconnectAsync(string reason, CancellationToken token)
    {
        for (var attempt = 1; Options.MaxReconnectAttempts < 0 || attempt <= Options.MaxReconnectAttempts; attempt++)
        {
            try
            {
                await Task.Delay(Backoff.Delay(Options, attempt), token).ConfigureAwait(false);
                SetState(NatsConnectionState.Reconnecting, $"Attempt {attempt}; last error: {reason}");
                var endpoint = _endpoints[(_endpointIndex + attempt - 1) % _endpoints.Count];
                var session = await Session.ConnectAsync(Options, endpoint, token).ConfigureAwait(false);
                _endpointIndex = (_endpointIndex + attempt - 1) % _endpoints.Count;
                return session;
            }
            catch (OperationCanceledException) when (token.IsCancellationRequested)
            {
                return null;
            }
            catch (Exception ex)
            {
                reason = ex.Message;
            }
        }

        _writer.Close();
        SetState(NatsConnectionState.Closed, $"Gave up after {Options.MaxReconnectAttempts} reconnect attempts: {reason}");
        return null;
    }

    private void Activate(Session session)
    {
        ServerInfo = session.Info;
        lock (_subLock)
        {
            _writer.Activate(_subs.SubscribeCommands());
        }

        SetState(NatsConnectionState.Connected, $"Connected to {session.Info.ServerName ?? session.Info.ServerId} ({session.Info.Version}).");
    }
}
