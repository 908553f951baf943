using Dashboard.Runtime.Common;
using Dashboard.Web.Security;
using Microsoft.AspNetCore.Components;

namespace Dashboard.Web.Features.Account;

public sealed partial class Setup
{
    private IReadOnlyList<FieldError> _errors = [];

    [Inject] public required FirstRunSetup FirstRun { get; init; }
    [Inject] public required NavigationManager Navigation { get; init; }

    [CascadingParameter] public HttpContext HttpContext { get; set; } = default!;

    [SupplyParameterFromForm] public SetupForm Input { get; set; } = new();

    private async Task CompleteAsync()
    {
        var result = await FirstRun.CompleteAsync(Input.Code, Input.UserName.Trim(), Input.Password, HttpContext.RequestAborted);
        if (!result.Succeeded)
        {
            _errors = result.Errors;
            return;
        }

        Navigation.NavigateTo("account/login?setup=done");
    }
}
