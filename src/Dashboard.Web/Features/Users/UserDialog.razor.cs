using Dashboard.Data.Entities;
using Dashboard.Runtime.Access;
using Dashboard.Runtime.Common;
using Dashboard.Web.Security;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Dashboard.Web.Components.Dialogs;
using Dashboard.Web.Model;

namespace Dashboard.Web.Features.Users;

public sealed partial class UserDialog
{
    private static readonly UserRole[] Roles = Enum.GetValues<UserRole>();

    private IReadOnlyList<FieldError> _errors = [];
    private bool _busy;

    [Parameter] public UserForm Form { get; set; } = new();

    [CascadingParameter] public required Task<AuthenticationState> AuthenticationState { get; set; }

    [Inject] public required UserService Users { get; init; }
    [Inject] public required DashboardDialogs Dialogs { get; init; }

    private async Task SaveAsync()
    {
        _busy = true;
        var actor = (await AuthenticationState).User.ToActor();
        var result = Form.Id is { } id
            ? await Users.UpdateAsync(id, Form.Role, Form.Password, actor, CancellationToken.None)
            : await Users.CreateAsync(Form.UserName.Trim(), Form.Password, Form.Role, actor, CancellationToken.None);
        _busy = false;
        _errors = result.Errors;
        if (result.Succeeded)
        {
            Dialogs.Notify(NoticeLevel.Success, $"User '{Form.UserName}' saved.");
            Close(true);
        }
    }
}
