using Dashboard.Data.Entities;
using Dashboard.Runtime.Common;
using Dashboard.Runtime.Definitions;
using Dashboard.Web.Security;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Dashboard.Web.Components.Dialogs;
using Dashboard.Web.Features.Catalog;
using Dashboard.Web.Model;

namespace Dashboard.Web.Features.EventDefinitions;

public sealed partial class EventDefinitionEditPage
{
    private static readonly EventSourceKind[] SourceKinds = Enum.GetValues<EventSourceKind>();

    private EventDefinitionModel? _model;
    private IReadOnlyList<FieldError> _errors = [];
    private IReadOnlyList<string> _workflowNames = [];
    private IReadOnlyCollection<string> _selectedWorkflows = [];
    private bool _hasStoredSecret;
    private bool _notFound;
    private bool _saving;
    private bool _loaded;
    private long? _loadedId;

    // Viewers and Operators may read a definition; only Admins change it.
    private bool _canEdit;

    [Parameter] public long? Id { get; set; }

    [CascadingParameter] public required Task<AuthenticationState> AuthenticationState { get; set; }

    [Inject] public required EventDefinitionService Service { get; init; }
    [Inject] public required CatalogQueries Catalog { get; init; }
    [Inject] public required NavigationManager Navigation { get; init; }
    [Inject] public required DashboardDialogs Dialogs { get; init; }

    private string Title => Id is null ? "New event definition" : $"Event definition {_model?.Key}";

    protected override async Task OnParametersSetAsync()
    {
        _canEdit = (await AuthenticationState).User.IsInRole(Policies.Admin);
        // A parent render (the layout, a refreshed authentication state) sets the same parameters again: keep what is
        // being typed; load only when the page first shows or moves to another definition.
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
        _workflowNames = (await Catalog.WorkflowsAsync(CancellationToken.None)).Select(w => w.Name).ToList();
        if (Id is not { } id)
        {
            _model = new EventDefinitionModel();
            _selectedWorkflows = [];
            _hasStoredSecret = false;
            return;
        }

        _model = await Service.GetAsync(id, CancellationToken.None);
        _notFound = _model is null;
        _selectedWorkflows = _model?.WorkflowNames.ToList() ?? [];
        _hasStoredSecret = await Catalog.HasStoredSecretAsync(id, CancellationToken.None);
    }

    /// <summary>Takes the picker's selection only when it differs, so the picker's own echo does not re-render the form in a loop.</summary>
    private void OnWorkflowsChanged(IEnumerable<string> selected)
    {
        var names = selected.ToList();
        if (!names.SequenceEqual(_selectedWorkflows))
        {
            _selectedWorkflows = names;
        }
    }

    private async Task SaveAsync()
    {
        if (!_canEdit)
        {
            return;
        }

        if (_model is null)
        {
            return;
        }

        _saving = true;
        _model.WorkflowNames = _selectedWorkflows.ToList();
        var user = (await AuthenticationState).User;
        var result = await Service.SaveAsync(_model, user.ToActor(), CancellationToken.None);
        _saving = false;
        _errors = result.Errors;
        if (!result.Succeeded)
        {
            return;
        }

        _model.NewHmacSecret = null;
        Dialogs.Notify(NoticeLevel.Success, $"Event definition '{_model.Key}' saved.");
        if (result.Id == Id)
        {
            // Same page: show what was stored (a new secret is now "stored", the version history moved on).
            await LoadAsync();
            return;
        }

        Navigation.NavigateTo($"event-definitions/{result.Id}");
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

        if (!await Dialogs.ConfirmAsync("Delete event definition", $"Delete the event definition '{_model.Key}'? Its route stops accepting events.", "Delete"))
        {
            return;
        }

        var user = (await AuthenticationState).User;
        await Service.DeleteAsync(id, user.ToActor(), CancellationToken.None);
        Dialogs.Notify(NoticeLevel.Info, $"Event definition '{_model.Key}' deleted.");
        Navigation.NavigateTo("event-definitions");
    }
}
