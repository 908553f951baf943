using System.Text.Json;
using Dashboard.Runtime.Workflows.Services;
using Dashboard.Web.Security;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Radzen;

namespace Dashboard.Web.Features.Runs;

public sealed partial class RunDetailPage
{
    private static readonly TimeSpan RefreshInterval = TimeSpan.FromSeconds(1);
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    private readonly CancellationTokenSource _disposed = new();
    private RunDetailState _state = new();
    private bool _loaded;
    private bool _refreshing;

    [Parameter] public long Id { get; set; }

    [CascadingParameter] public required Task<AuthenticationState> AuthenticationState { get; set; }

    [Inject] public required RunQueries Queries { get; init; }
    [Inject] public required RunCommands Commands { get; init; }
    [Inject] public required TimeProvider Clock { get; init; }
    [Inject] public required DialogService Dialogs { get; init; }
    [Inject] public required NotificationService Notifications { get; init; }
    [Inject] public required NavigationManager Navigation { get; init; }

    private DateTimeOffset Now => Clock.GetUtcNow();

    protected override async Task OnParametersSetAsync()
    {
        _state = new RunDetailState();
        await LoadAsync();
    }

    protected override void OnAfterRender(bool firstRender)
    {
        if (firstRender)
        {
            _ = RefreshLoopAsync(_disposed.Token);
        }
    }

    private async Task LoadAsync()
    {
        if (await Queries.GetRunDetailAsync(Id, _disposed.Token) is { } detail)
        {
            _state.Load(detail);
        }

        _loaded = true;
    }

    /// <summary>Once a second while the run is active: reload it, and re-render so the retry countdown ticks.</summary>
    private async Task RefreshLoopAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(RefreshInterval);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                if (!_state.IsActive || _refreshing)
                {
                    continue;
                }

                _refreshing = true;
                await InvokeAsync(async () =>
                {
                    await LoadAsync();
                    StateHasChanged();
                });
                _refreshing = false;
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private async Task CancelAsync()
    {
        var confirmed = await Dialogs.Confirm($"Cancel run #{Id}? A running step is stopped; the run ends as Cancelled.", "Cancel run",
            new ConfirmOptions { OkButtonText = "Cancel run", CancelButtonText = "Keep running" });
        if (confirmed != true)
        {
            return;
        }

        var result = await Commands.CancelAsync(Id, (await AuthenticationState).User.ToActor(), null, CancellationToken.None);
        Notify(result);
        await LoadAsync();
    }

    private async Task ReplayAsync()
    {
        var parameters = new Dictionary<string, object?>
        {
            ["Description"] = $"Replay run #{Id} ({_state.Run?.State}) as a new run of the same event.",
            ["AllowFromFailedStep"] = _state.CanReplayFromFailedStep,
            ["AlreadyReplayedAs"] = _state.BlockingReplay is { } earlier ? $"run #{earlier.RunId} ({earlier.State})" : null,
        };
        if (await Dialogs.OpenAsync<ReplayDialog>("Replay run", parameters) is not ReplayChoice choice)
        {
            return;
        }

        var result = await Commands.ReplayAsync(Id, choice.Options, (await AuthenticationState).User.ToActor(), choice.Reason, CancellationToken.None);
        Notify(result);
        if (result.Status == CommandStatus.Done && result.RunIds is [var newRun, ..])
        {
            Navigation.NavigateTo($"runs/{newRun}");
        }
    }

    private void Notify(CommandResult result) =>
        Notifications.Notify(result.Status == CommandStatus.Done ? NotificationSeverity.Success : NotificationSeverity.Warning,
            result.Status == CommandStatus.Done ? "Done" : "Not done", result.Message);

    public void Dispose()
    {
        _disposed.Cancel();
        _disposed.Dispose();
    }
}
