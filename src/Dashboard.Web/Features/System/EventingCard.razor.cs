using Dashboard.Runtime.Contracts;
using Dashboard.Runtime.Streaming;
using Dashboard.Web.Components.Controls;
using Microsoft.AspNetCore.Components;

namespace Dashboard.Web.Features.SystemStatus;

/// <summary>
/// Eventing status, refreshed when the runtime says something changed: the eventing view's state changes (NATS
/// connection, dispatch mode) and the store's commits (stream and consumer counts move with stored events), throttled
/// to at most one read per second. No timer of its own.
/// </summary>
public sealed partial class EventingCard
{
    public static readonly TimeSpan RefreshInterval = TimeSpan.FromSeconds(1);
    private readonly CancellationTokenSource _cts = new();
    private readonly List<IDisposable> _subscriptions = [];
    private CallbackThrottler? _throttler;
    private EventingStatus? _status;
    private string? _error;

    [Inject] public required IEventingView Reader { get; init; }

    [Inject] public required CommitNotifications Commits { get; init; }

    [Inject] public required TimeProvider Clock { get; init; }

    protected override async Task OnInitializedAsync()
    {
        await LoadAsync();
        _throttler = new CallbackThrottler(RefreshAsync, RefreshInterval, Clock);
        _subscriptions.Add(Reader.Subscribe(_throttler.Signal));
        _subscriptions.Add(Commits.Subscribe(_throttler.Signal));
    }

    private async Task RefreshAsync()
    {
        if (_cts.IsCancellationRequested)
        {
            return;
        }

        await LoadAsync();
        try
        {
            await InvokeAsync(StateHasChanged);
        }
        catch (ObjectDisposedException)
        {
            // The circuit went away between the read and the render.
        }
    }

    private async Task LoadAsync()
    {
        try
        {
            _status = await Reader.ReadAsync(_cts.Token);
            _error = null;
        }
        catch (OperationCanceledException) when (_cts.IsCancellationRequested)
        {
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            _error = $"Eventing status could not be read: {ex.Message}";
        }
    }

    public void Dispose()
    {
        if (_cts.IsCancellationRequested)
        {
            return;
        }

        foreach (var subscription in _subscriptions)
        {
            subscription.Dispose();
        }

        _throttler?.Dispose();
        _cts.Cancel();
        _cts.Dispose();
    }
}
