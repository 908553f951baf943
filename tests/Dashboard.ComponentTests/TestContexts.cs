using Bunit;
using Dashboard.Web.Components.Dialogs;
using Dashboard.Web.Security;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;

namespace Dashboard.ComponentTests;

/// <summary>A bunit context with MudBlazor's services, the app's dialog service and a signed-in user of one role.</summary>
internal static class TestContexts
{
    public static BunitContext Create(string? role = null, string userName = "alice")
    {
        var ctx = new BunitContext();
        ctx.JSInterop.Mode = JSRuntimeMode.Loose;
        ctx.Services.AddMudServices();
        ctx.Services.AddScoped<DashboardDialogs>();
        var auth = ctx.AddAuthorization();
        if (role is not null)
        {
            auth.SetAuthorized(userName);
            auth.SetRoles(RolesFrom(role));
            auth.SetPolicies(RolesFrom(role));
        }

        return ctx;
    }

    /// <summary>The roles (and equally named policies) a user of <paramref name="role"/> holds: each role includes those below it.</summary>
    private static string[] RolesFrom(string role) => role switch
    {
        Policies.Admin => [Policies.Admin, Policies.Operator, Policies.Viewer],
        Policies.Operator => [Policies.Operator, Policies.Viewer],
        _ => [Policies.Viewer],
    };
}
