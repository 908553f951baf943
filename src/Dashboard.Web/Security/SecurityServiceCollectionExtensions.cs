using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;

namespace Dashboard.Web.Security;

public static class SecurityServiceCollectionExtensions
{
    private const string SmartScheme = "Dashboard";

    /// <summary>Cookie sign-in for people, bearer tokens for scripts; everything requires sign-in unless marked anonymous.</summary>
    public static IServiceCollection AddDashboardSecurity(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<SetupOptions>(configuration.GetSection(SetupOptions.SectionName));
        services.AddSingleton<FirstRunSetup>();

        services.AddAuthentication(SmartScheme)
            .AddPolicyScheme(SmartScheme, "Cookie or bearer token", options =>
                options.ForwardDefaultSelector = context =>
                    ApiTokenAuthenticationHandler.BearerToken(context.Request) is not null && UsesApiTokens(context.Request.Path)
                        ? ApiTokenAuthenticationHandler.SchemeName
                        : CookieAuthenticationDefaults.AuthenticationScheme)
            .AddCookie(options =>
            {
                options.LoginPath = "/account/login";
                options.LogoutPath = "/account/logout";
                options.AccessDeniedPath = "/account/access-denied";
                options.Cookie.Name = "dashboard.auth";
                options.Cookie.HttpOnly = true;
                options.Cookie.SameSite = SameSiteMode.Lax;
                options.ExpireTimeSpan = TimeSpan.FromHours(12);
                options.SlidingExpiration = true;
                options.Events.OnRedirectToLogin = context => RedirectOrStatus(context, StatusCodes.Status401Unauthorized);
                options.Events.OnRedirectToAccessDenied = context => RedirectOrStatus(context, StatusCodes.Status403Forbidden);
            })
            .AddScheme<AuthenticationSchemeOptions, ApiTokenAuthenticationHandler>(ApiTokenAuthenticationHandler.SchemeName, null);

        services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build())
            .AddPolicy(Policies.Viewer, policy => policy.RequireRole(Policies.Viewer))
            .AddPolicy(Policies.Operator, policy => policy.RequireRole(Policies.Operator))
            .AddPolicy(Policies.Admin, policy => policy.RequireRole(Policies.Admin));
        services.AddCascadingAuthenticationState();
        return services;
    }

    /// <summary>
    /// Bearer tokens authenticate the REST API and hubs only; ingestion endpoints check tokens per definition
    /// themselves, so a webhook's token is neither looked up twice nor counted twice.
    /// </summary>
    private static bool UsesApiTokens(PathString path) => IsMachinePath(path);

    /// <summary>Paths machines call: the REST API, its OpenAPI document, hubs and the Prometheus scrape endpoint.</summary>
    private static bool IsMachinePath(PathString path) =>
        path.StartsWithSegments("/api") || path.StartsWithSegments("/openapi") || path.StartsWithSegments("/hubs") || path.StartsWithSegments("/metrics");

    /// <summary>Machines calling /api, /openapi, /hubs or /metrics get a status code; browsers get redirected to the sign-in page.</summary>
    private static Task RedirectOrStatus(RedirectContext<CookieAuthenticationOptions> context, int status)
    {
        if (IsMachinePath(context.Request.Path))
        {
            context.Response.StatusCode = status;
            return Task.CompletedTask;
        }

        context.Response.Redirect(context.RedirectUri);
        return Task.CompletedTask;
    }
}
