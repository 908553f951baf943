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

    // Form posts may bind null; the getter supplies an empty form instead of an initializer.
    [SupplyParameterFromForm] public SetupForm Input { get => _input ??= new(); set => _input = value; }

    private SetupForm? _input;

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
