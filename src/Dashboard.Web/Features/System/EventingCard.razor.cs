using Dashboard.Runtime.Contracts;
using Microsoft.AspNetCore.Components;

namespace Dashboard.Web.Features.SystemStatus;

public sealed partial class EventingCard
{
    private static readonly TimeSpan RefreshInterval = TimeSpan.FromSeconds(2);
    private readonly CancellationTokenSource _cts = new();
    private EventingStatus? _status;
    private string? _error;

    [Inject] public required IEventingView Reader { get; init; }

    protected override async Task OnInitializedAsync()
    {
        await LoadAsync();
        _ = RefreshLoopAsync();
    }

    private async Task RefreshLoopAsync()
    {
        using var timer = new PeriodicTimer(RefreshInterval);
        try
        {
            while (await timer.WaitForNextTickAsync(_cts.Token))
            {
                await LoadAsync();
                await InvokeAsync(StateHasChanged);
            }
        }
        catch (OperationCanceledException)
        {
        }
        catch (ObjectDisposedException)
        {
        }
    }

    private async Task LoadAsync()
    {
        try
        {
            _status = await Reader.ReadAsync(_cts.Token);
            _error = null;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            _error = $"Eventing status could not be read: {ex.Message}";
        }
    }

    public void Dispose()
    {
        _cts.Cancel();
        _cts.Dispose();
    }
}
