using System.Globalization;
using Dashboard.Runtime.Access;
using Dashboard.Web.Security;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Dashboard.Web.Components.Dialogs;
using Dashboard.Web.Model;

namespace Dashboard.Web.Features.Users;

public sealed partial class UsersPage
{
    private List<UserInfo>? _users;
    private string? _error;

    [CascadingParameter] public required Task<AuthenticationState> AuthenticationState { get; set; }

    [Inject] public required UserService Users { get; init; }
    [Inject] public required DashboardDialogs Dialogs { get; init; }

    protected override Task OnInitializedAsync() => LoadAsync();

    private async Task LoadAsync() => _users = (await Users.ListAsync(CancellationToken.None)).Select(UserInfo.From).ToList();

    private async Task OpenAsync(UserForm form)
    {
        var title = form.Id is null ? "New user" : $"Edit {form.UserName}";
        await Dialogs.OpenAsync<UserDialog, bool>(title, new Dictionary<string, object?> { [nameof(UserDialog.Form)] = form });
        await LoadAsync();
    }

    private async Task DeleteAsync(UserInfo user)
    {
        _error = null;
        if (!await Dialogs.ConfirmAsync("Delete user", $"Delete the user '{user.UserName}'? They can no longer sign in.", "Delete"))
        {
            return;
        }

        var actor = (await AuthenticationState).User.ToActor();
        var result = await Users.DeleteAsync(user.Id, actor, CancellationToken.None);
        if (result.Succeeded)
        {
            Dialogs.Notify(NoticeLevel.Info, $"User '{user.UserName}' deleted.");
        }
        else
        {
            _error = string.Join(" ", result.Errors.Select(e => e.Message));
        }

        await LoadAsync();
    }

    private static string Format(DateTimeOffset? value) =>
        value?.ToLocalTime().ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) ?? "";
}
