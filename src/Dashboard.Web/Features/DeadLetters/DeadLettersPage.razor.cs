using Dashboard.Runtime.Workflows.Services;
using Dashboard.Runtime.Workflows.Store;
using Dashboard.Web.Features.Runs;
using Dashboard.Web.Security;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Dashboard.Web.Components.Dialogs;
using Dashboard.Web.Model;

namespace Dashboard.Web.Features.DeadLetters;

public sealed partial class DeadLettersPage
{
    private IReadOnlyList<DeadLetterGroup>? _groups;
    private PagedList<ReplayedDeadLetter>? _replayed;

    [SupplyParameterFromQuery(Name = "workflow")] public long? Workflow { get; set; }

    [CascadingParameter] public required Task<AuthenticationState> AuthenticationState { get; set; }

    [Inject] public required RunQueries Queries { get; init; }
    [Inject] public required RunCommands Commands { get; init; }
    [Inject] public required DashboardDialogs Dialogs { get; init; }

    protected override Task OnParametersSetAsync() => LoadAsync();

    private async Task LoadAsync()
    {
        _groups = await Queries.GetDeadLettersAsync(Workflow, CancellationToken.None);
        _replayed = await Queries.GetReplayedDeadLettersAsync(Workflow, 1, 50, CancellationToken.None);
    }

    private async Task ReplayOneAsync(long runId)
    {
        if (await AskAsync($"Replay dead-lettered run {IdLabels.Run(runId)} as a new run.") is not { } choice)
        {
            return;
        }

        var result = await Commands.ReplayAsync(runId, choice.Options, await ActorAsync(), choice.Reason, CancellationToken.None);
        await DoneAsync(result);
    }

    private async Task ReplayGroupAsync(DeadLetterGroup group)
    {
        if (await AskAsync($"Replay all {group.Count} dead-lettered run(s) of '{group.WorkflowName}' that failed with: {group.Error}") is not { } choice)
        {
            return;
        }

        var filter = new ReplayFilter(group.WorkflowId, RunStates.DeadLettered, group.Error);
        var result = await Commands.ReplayManyAsync(filter, choice.Options, await ActorAsync(), choice.Reason, CancellationToken.None);
        await DoneAsync(result);
    }

    private async Task<ReplayChoice?> AskAsync(string description) =>
        await Dialogs.OpenAsync<ReplayDialog, ReplayChoice>("Replay", new Dictionary<string, object?>
        {
            [nameof(ReplayDialog.Description)] = description,
            [nameof(ReplayDialog.AllowFromFailedStep)] = true,
        });

    private async Task<Dashboard.Runtime.Common.Actor> ActorAsync() => (await AuthenticationState).User.ToActor();

    private async Task DoneAsync(CommandResult result)
    {
        Dialogs.Notify(result.Status == CommandStatus.Done ? NoticeLevel.Success : NoticeLevel.Warning, result.Message);
        await LoadAsync();
    }
}
