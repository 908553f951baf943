using System.Globalization;
using Dashboard.Runtime.Access;
using Dashboard.Web.Security;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Dashboard.Web.Components.Dialogs;
using Dashboard.Web.Model;

namespace Dashboard.Web.Features.Tokens;

public sealed partial class TokensPage
{
    private List<TokenInfo>? _tokens;
    private List<TokenScopeTargets.Target> _events = [];
    private List<TokenScopeTargets.Target> _workflows = [];

    [CascadingParameter] public required Task<AuthenticationState> AuthenticationState { get; set; }

    [Inject] public required ApiTokenService Tokens { get; init; }
    [Inject] public required TokenScopeTargets Targets { get; init; }
    [Inject] public required DashboardDialogs Dialogs { get; init; }

    protected override Task OnInitializedAsync() => LoadAsync();

    private async Task LoadAsync()
    {
        (_events, _workflows) = await Targets.ListAsync(CancellationToken.None);
        _tokens = (await Tokens.ListAsync(CancellationToken.None)).Select(TokenInfo.From).ToList();
    }

    private async Task CreateAsync()
    {
        await Dialogs.OpenAsync<CreateTokenDialog, bool>("New token");
        await LoadAsync();
    }

    private async Task RevokeAsync(TokenInfo token)
    {
        if (!await Dialogs.ConfirmAsync("Revoke token", $"Revoke the token '{token.Name}' ({token.Prefix}…)? Anything using it is refused from now on. This cannot be undone.", "Revoke"))
        {
            return;
        }

        var user = (await AuthenticationState).User;
        if (await Tokens.RevokeAsync(token.Id, user.ToActor(), CancellationToken.None))
        {
            Dialogs.Notify(NoticeLevel.Info, $"Token '{token.Name}' revoked.");
        }

        await LoadAsync();
    }

    private static string Format(DateTimeOffset? value, string none) =>
        value?.ToLocalTime().ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) ?? none;
}
