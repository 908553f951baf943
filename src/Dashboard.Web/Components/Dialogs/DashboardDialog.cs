using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace Dashboard.Web.Components.Dialogs;

/// <summary>Base of the app's dialogs: close with a result or cancel, without naming the UI library's dialog instance.</summary>
public abstract class DashboardDialog<TResult> : ComponentBase
{
    [CascadingParameter] public IMudDialogInstance? Instance { get; set; }

    protected void Close(TResult result) => Instance?.Close(DialogResult.Ok(result));

    protected void Cancel() => Instance?.Cancel();
}
