using Dashboard.Web.Model;
using MudBlazor;

namespace Dashboard.Web.Components.Dialogs;

/// <summary>
/// The app's own dialogs and notifications: pages confirm, open a dialog and notify through this service and never
/// name the UI library's dialog or snackbar types.
/// </summary>
public sealed class DashboardDialogs(IDialogService dialogs, ISnackbar snackbar)
{
    private static readonly DialogOptions Options = new() { MaxWidth = MaxWidth.Small, FullWidth = true, CloseOnEscapeKey = true, BackdropClick = false };

    /// <summary>Asks a yes/no question; true only when the user chose <paramref name="confirmText"/>.</summary>
    public async Task<bool> ConfirmAsync(string title, string message, string confirmText, string cancelText = "Cancel")
    {
        var answer = await dialogs.ShowMessageBoxAsync(new MessageBoxOptions
        {
            Title = title,
            Message = message,
            YesText = confirmText,
            CancelText = cancelText,
        }, Options);
        return answer == true;
    }

    /// <summary>Opens <typeparamref name="TDialog"/> with the given parameters; its result, or default when cancelled.</summary>
    public async Task<TResult?> OpenAsync<TDialog, TResult>(string title, IReadOnlyDictionary<string, object?>? parameters = null)
        where TDialog : Microsoft.AspNetCore.Components.IComponent
    {
        var dialogParameters = new DialogParameters();
        foreach (var (name, value) in parameters ?? new Dictionary<string, object?>())
        {
            dialogParameters.Add(name, value);
        }

        var reference = await dialogs.ShowAsync<TDialog>(title, dialogParameters, Options);
        var result = await reference.Result;
        return result is { Canceled: false, Data: TResult data } ? data : default;
    }

    /// <summary>Shows a short notification in the corner of the screen.</summary>
    public void Notify(NoticeLevel level, string message) => snackbar.Add(message, level switch
    {
        NoticeLevel.Success => Severity.Success,
        NoticeLevel.Warning => Severity.Warning,
        NoticeLevel.Error => Severity.Error,
        _ => Severity.Info,
    });
}
