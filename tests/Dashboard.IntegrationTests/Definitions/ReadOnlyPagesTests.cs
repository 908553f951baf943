using System.Net;
using Dashboard.Data.Entities;
using Dashboard.Runtime.Access;
using Dashboard.Runtime.Common;
using Dashboard.Runtime.Definitions;
using Dashboard.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.IntegrationTests.Definitions;

/// <summary>Viewers read definitions on the same pages Admins edit them on, without the means to change them.</summary>
public sealed class ReadOnlyPagesTests
{
    private static readonly Actor Tester = new("tester");

    [Fact]
    public async Task DefinitionPages_AsViewer_ShowReadOnlyDefinitionWithoutSaveOrDelete()
    {
        await using var host = await DashboardHost.StartWithAdminAsync();
        var workflow = await host.Services.GetRequiredService<WorkflowDefinitionService>().SaveAsync(
            new WorkflowDefinitionModel { Name = "viewer-flow", Steps = [WorkflowDefinitionModel.NewStep("note", "log")] }, Tester, default);
        var definition = await host.Services.GetRequiredService<EventDefinitionService>().SaveAsync(
            new EventDefinitionModel { Key = "viewer.hook", HttpRoute = "viewer", AuthMode = EventAuthMode.Token, WorkflowNames = ["viewer-flow"] }, Tester, default);
        var user = await host.Services.GetRequiredService<UserService>().CreateAsync("watcher", "watcher-password-1", UserRole.Viewer, Tester, default);
        Assert.True(workflow.Succeeded && definition.Succeeded && user.Succeeded);
        using var viewer = await host.CreateSignedInClientAsync("watcher", "watcher-password-1");

        foreach (var path in new[] { $"/event-definitions/{definition.Id}", $"/workflows/{workflow.Id}" })
        {
            using var response = await viewer.GetAsync(path);
            var html = await response.Content.ReadAsStringAsync();

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Contains("data-testid=\"read-only-notice\"", html, StringComparison.Ordinal);
            Assert.DoesNotContain("-save\"", html, StringComparison.Ordinal);
            Assert.DoesNotContain("-delete\"", html, StringComparison.Ordinal);
        }

        using var create = await viewer.GetAsync("/event-definitions/new");
        Assert.Contains("Only Admins can create", await create.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        using var admin = await host.CreateSignedInClientAsync();
        using var adminPage = await admin.GetAsync($"/event-definitions/{definition.Id}");
        var adminHtml = await adminPage.Content.ReadAsStringAsync();
        Assert.Contains("data-testid=\"event-definition-save\"", adminHtml, StringComparison.Ordinal);
        Assert.DoesNotContain("read-only-notice", adminHtml, StringComparison.Ordinal);
    }
}
