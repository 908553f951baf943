using Dashboard.Web.Features.Account;
using Dashboard.Data;
using Dashboard.Runtime;
using Dashboard.Runtime.ScaleOut;
using Dashboard.Web.Components;
using Dashboard.Web.Features;
using Dashboard.Web.Security;
using Microsoft.Extensions.Options;

namespace Dashboard.Web.Hosting;

/// <summary>
/// Builds the whole app: the dashboard, its API and the embedded runtime. Tests start it on Kestrel at
/// 127.0.0.1 port 0 with their own data folder by passing configuration through <paramref name="configure"/>.
/// </summary>
public static class DashboardApplication
{
    public static async Task<WebApplication> BuildAsync(string[] args, Action<WebApplicationBuilder>? configure = null, CancellationToken cancellationToken = default)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            ContentRootPath = FindContentRoot(),
        });

        // Package assets (_content/MudBlazor) come from the build manifest when not published; a no-op when published.
        builder.WebHost.UseStaticWebAssets();
        configure?.Invoke(builder);

        builder.Services.AddDashboardData(builder.Configuration);
        builder.Services.AddDashboardRuntime(builder.Configuration);
        builder.Services.AddDashboardSecurity(builder.Configuration);
        builder.Services.AddDashboardComponents();
        builder.Services.AddDashboardFeatures();

        var app = builder.Build();
        await app.Services.GetRequiredService<DatabaseInitializer>().InitializeAsync(cancellationToken);
        await app.Services.GetRequiredService<FirstRunSetup>().InitializeAsync(cancellationToken);

        app.UseDashboardPipeline();
        return app;
    }

    private static void UseDashboardPipeline(this WebApplication app)
    {
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/error", createScopeForErrors: true);
        }

        // A browser asking for a page that does not exist gets the app's not-found page; API clients keep problem details.
        app.UseWhen(NotFoundPage.WantsPage, branch => branch.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true));
        app.UseWhen(context => !NotFoundPage.WantsPage(context), branch => branch.UseStatusCodePages());

        // Routing after the status code pages, so a re-executed request is routed to the not-found page.
        app.UseRouting();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAntiforgery();

        app.MapStaticAssets().AllowAnonymous();
        app.MapGet("/healthz", () => TypedResults.Ok(new { status = "ok" })).AllowAnonymous().ExcludeFromDescription();
        if (app.Services.GetRequiredService<IOptions<RuntimeOptions>>().Value.IsWorker)
        {
            app.MapWorkerEndpoints();
            return;
        }

        app.MapDashboardFeatures();
        app.MapDashboardComponents();
    }

    /// <summary>
    /// The repository root (holding appsettings.json and wwwroot/) under `dotnet run` and in tests; the app's own
    /// folder when published.
    /// </summary>
    private static string FindContentRoot()
    {
        var current = Directory.GetCurrentDirectory();
        if (File.Exists(Path.Combine(current, "appsettings.json")))
        {
            return current;
        }

        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Dashboard.sln")))
            {
                return dir.FullName;
            }
        }

        return AppContext.BaseDirectory;
    }
}
