using Dashboard.Data.Entities;
using Dashboard.Runtime.Access;
using Dashboard.Runtime.Common;
using Dashboard.Web.Security;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.JSInterop;
using Dashboard.Web.Components.Dialogs;
using Dashboard.Web.Model;

namespace Dashboard.Web.Features.Tokens;

public sealed partial class CreateTokenDialog
{
    private static readonly ApiTokenRole[] Roles = Enum.GetValues<ApiTokenRole>();
    private static readonly TokenScopeKind[] Scopes = Enum.GetValues<TokenScopeKind>();

    private readonly TokenForm _form = new();
    private IReadOnlyList<FieldError> _errors = [];
    private List<TokenScopeTargets.Target> _events = [];
    private List<TokenScopeTargets.Target> _workflows = [];
    private string? _secret;
    private bool _busy;

    [CascadingParameter] public required Task<AuthenticationState> AuthenticationState { get; set; }

    [Inject] public required ApiTokenService Tokens { get; init; }
    [Inject] public required TokenScopeTargets Targets { get; init; }
    [Inject] public required DashboardDialogs Dialogs { get; init; }
    [Inject] public required IJSRuntime JS { get; init; }

    private List<TokenScopeTargets.Target> ScopeTargets => _form.ScopeKind == TokenScopeKind.Workflow ? _workflows : _events;

    protected override async Task OnInitializedAsync() => (_events, _workflows) = await Targets.ListAsync(CancellationToken.None);

    private async Task CreateAsync()
    {
        _busy = true;
        var expires = _form.ExpiresAt is { } local ? new DateTimeOffset(DateTime.SpecifyKind(local, DateTimeKind.Local)) : (DateTimeOffset?)null;
        var scopeError = await Targets.CheckAsync(_form.ScopeKind, _form.ScopeTargetId, CancellationToken.None);
        var request = new ApiTokenService.TokenRequest(_form.Name, _form.Role, _form.ScopeKind, _form.ScopeTargetId, expires);
        var user = (await AuthenticationState).User;
        var (created, errors) = scopeError is null ? await Tokens.CreateAsync(request, user.ToActor(), CancellationToken.None) : (null, [scopeError]);
        _busy = false;
        _errors = errors;
        if (created is not null)
        {
            _secret = created.Secret;
            Dialogs.Notify(NoticeLevel.Success, $"Token '{created.Token.Name}' created. Copy its secret now.");
        }
    }

    private async Task CopyAsync()
    {
        await JS.InvokeVoidAsync("dashboard.copy", _secret);
        Dialogs.Notify(NoticeLevel.Info, "The token is on the clipboard.");
    }
}
