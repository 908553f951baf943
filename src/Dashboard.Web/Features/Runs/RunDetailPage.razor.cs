using Dashboard.Runtime.Streaming;
using Dashboard.Runtime.Workflows.Services;
using Dashboard.Web.Components.Dialogs;
using Dashboard.Web.Features.LiveEvents;
using Dashboard.Web.Model;
using Dashboard.Web.Security;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.Options;

namespace Dashboard.Web.Features.Runs;

/// <summary>
/// One run. While it is active the page follows the run's changes on the live feed (re-reading the run when one of its
/// items arrives) and re-renders with each batch so a retry countdown ticks; no timer of its own.
/// </summary>
public sealed partial class RunDetailPage : IDisposable
{
    private RunDetailState _state = new();
    private LivePump? _pump;
    private bool _loaded;

    [Parameter] public long Id { get; set; }

    [CascadingParameter] public required Task<AuthenticationState> AuthenticationState { get; set; }

    [Inject] public required RunQueries Queries { get; init; }
    [Inject] public required RunCommands Commands { get; init; }
    [Inject] public required LiveFeed Feed { get; init; }
    [Inject] public required IOptions<LiveFeedOptions> FeedOptions { get; init; }
    [Inject] public required TimeProvider Clock { get; init; }
    [Inject] public required DashboardDialogs Dialogs { get; init; }
    [Inject] public required NavigationManager Navigation { get; init; }
    [Inject] public required ILogger<RunDetailPage> Logger { get; init; }

    private DateTimeOffset Now => Clock.GetUtcNow();

    protected override async Task OnParametersSetAsync()
    {
        _state = new RunDetailState();
        await LoadAsync();
        _pump?.Dispose();
        _pump = null;
        if (RendererInfo.IsInteractive && _state.Run is { } run && _state.IsActive)
        {
            var filter = new LiveFilter { Kinds = new HashSet<LiveItemKind> { LiveItemKind.Run, LiveItemKind.Activity }, WorkflowId = run.WorkflowId };
            _pump = LivePump.Start(Feed, filter, LivePace.ForPages(FeedOptions.Value), 1_000, batch => InvokeAsync(() => OnBatchAsync(batch)), Logger);
        }
    }

    private async Task LoadAsync()
    {
        if (await Queries.GetRunDetailAsync(Id, CancellationToken.None) is { } detail)
        {
            _state.Load(detail);
        }

        _loaded = true;
    }

    private async Task OnBatchAsync(LiveBatch batch)
    {
        if (batch.Dropped > 0 || batch.Items.Any(i => i.RunId == Id))
        {
            await LoadAsync();
        }

        if (!_state.IsActive)
        {
            _pump?.Dispose();
            _pump = null;
        }

        StateHasChanged();
    }

    private async Task CancelAsync()
    {
        if (!await Dialogs.ConfirmAsync("Cancel run", $"Cancel run {IdLabels.Run(Id)}? A running step is stopped; the run ends as Cancelled.", "Cancel run", "Keep running"))
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
            [nameof(ReplayDialog.Description)] = $"Replay run {IdLabels.Run(Id)} ({StateNames.Display(_state.Run?.State)}) as a new run of the same event.",
            [nameof(ReplayDialog.AllowFromFailedStep)] = _state.CanReplayFromFailedStep,
            [nameof(ReplayDialog.AlreadyReplayedAs)] = _state.BlockingReplay is { } earlier ? $"run {IdLabels.Run(earlier.RunId)} ({StateNames.Display(earlier.State)})" : null,
        };
        if (await Dialogs.OpenAsync<ReplayDialog, ReplayChoice>("Replay run", parameters) is not { } choice)
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
        Dialogs.Notify(result.Status == CommandStatus.Done ? NoticeLevel.Success : NoticeLevel.Warning, result.Message);

    public void Dispose() => _pump?.Dispose();
}
