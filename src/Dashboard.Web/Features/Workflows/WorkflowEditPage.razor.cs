using Dashboard.Runtime.Common;
using Dashboard.Runtime.Definitions;
using Dashboard.Web.Security;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Dashboard.Web.Components.Dialogs;
using Dashboard.Web.Model;

namespace Dashboard.Web.Features.Workflows;

public sealed partial class WorkflowEditPage
{
    private WorkflowDefinitionModel? _model;
    private StepsEditorState? _steps;
    private IReadOnlyList<FieldError> _errors = [];
    private bool _notFound;
    private bool _saving;
    private bool _loaded;
    private long? _loadedId;

    // Viewers and Operators may read a definition; only Admins change it.
    private bool _canEdit;

    [Parameter] public long? Id { get; set; }

    [CascadingParameter] public required Task<AuthenticationState> AuthenticationState { get; set; }

    [Inject] public required WorkflowDefinitionService Service { get; init; }
    [Inject] public required NavigationManager Navigation { get; init; }
    [Inject] public required DashboardDialogs Dialogs { get; init; }

    private string Title => Id is null ? "New workflow" : $"Workflow {_model?.Name}";

    private string Subtitle => Id is null || _model is null
        ? "Ordered steps that run when a bound event is accepted."
        : $"Current version v{_model.CurrentVersion}. Saving changed steps creates a new version; runs keep the version they started with.";

    protected override async Task OnParametersSetAsync()
    {
        _canEdit = (await AuthenticationState).User.IsInRole(Policies.Admin);
        // A parent render (the layout, a refreshed authentication state) sets the same parameters again: keep the steps
        // being edited; load only when the page first shows or moves to another workflow.
        if (_loaded && _loadedId == Id)
        {
            return;
        }

        await LoadAsync();
    }

    private async Task LoadAsync()
    {
        _loaded = true;
        _loadedId = Id;
        _errors = [];
        _notFound = false;
        _model = Id is { } id ? await Service.GetAsync(id, CancellationToken.None) : new WorkflowDefinitionModel();
        _notFound = _model is null;
        _steps = _model is null ? null : StepsEditorState.From(_model.Steps);
    }

    private async Task SaveAsync()
    {
        if (!_canEdit)
        {
            return;
        }

        if (_model is null || _steps is null)
        {
            return;
        }

        _errors = [];
        var steps = _steps.TryBuild();
        if (steps is null)
        {
            return;
        }

        _saving = true;
        _model.Steps = steps;
        var user = (await AuthenticationState).User;
        var result = await Service.SaveAsync(_model, user.ToActor(), CancellationToken.None);
        _saving = false;
        _errors = result.Errors;
        if (!result.Succeeded)
        {
            return;
        }

        Dialogs.Notify(NoticeLevel.Success, $"Workflow '{_model.Name}' saved.");
        if (Id is null)
        {
            Navigation.NavigateTo($"workflows/{result.Id}");
            return;
        }

        await LoadAsync();
    }

    private async Task DeleteAsync()
    {
        if (!_canEdit)
        {
            return;
        }

        if (_model?.Id is not { } id)
        {
            return;
        }

        if (!await Dialogs.ConfirmAsync("Delete workflow", $"Delete the workflow '{_model.Name}' and all its versions? Events bound to it stop starting it.", "Delete"))
        {
            return;
        }

        var user = (await AuthenticationState).User;
        await Service.DeleteAsync(id, user.ToActor(), CancellationToken.None);
        Dialogs.Notify(NoticeLevel.Info, $"Workflow '{_model.Name}' deleted.");
        Navigation.NavigateTo("workflows");
    }
}
