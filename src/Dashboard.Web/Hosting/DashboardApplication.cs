using Dashboard.Web.Features.Account;
using Dashboard.Data;
using Dashboard.Runtime;
using Dashboard.Runtime.Common;
using Dashboard.Runtime.Nats;
using Dashboard.Runtime.RabbitMq;
using Dashboard.Web.Components;
using Dashboard.Web.Features;
using Dashboard.Web.Features.Health;
using Dashboard.Web.Features.Telemetry;
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

        // Transport modules register before the core, whose ports keep their embedded defaults for what no module provides.
        if (NatsServiceCollectionExtensions.IsRequested(builder.Configuration))
        {
            builder.Services.AddNatsEventing(builder.Configuration);
        }

        if (RabbitMqServiceCollectionExtensions.IsRequested(builder.Configuration) && !IsWorker(builder.Configuration))
        {
            // Sources are read by the instance that owns the definitions (a scale-out worker's own store is empty).
            builder.Services.AddRabbitMqSources();
        }

        builder.Services.AddDashboardRuntime(builder.Configuration);
        builder.Services.AddDashboardSecurity(builder.Configuration);
        builder.Services.AddDashboardComponents();
        builder.Services.AddDashboardFeatures();
        builder.Services.AddDashboardTelemetry(builder.Configuration);

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
        app.MapHealthEndpoints();
        if (app.Services.GetRequiredService<IOptions<RuntimeOptions>>().Value.IsWorker)
        {
            app.MapWorkerEndpoints();
            return;
        }

        app.MapDashboardFeatures();
        app.MapMetricsEndpoint();
        app.MapDashboardComponents();
    }

    private static bool IsWorker(IConfiguration configuration) =>
        (configuration.GetSection(RuntimeOptions.SectionName).Get<RuntimeOptions>() ?? new RuntimeOptions()).IsWorker;

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
