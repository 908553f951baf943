using Dashboard.Data;
using Dashboard.Data.Entities;
using Dashboard.Runtime.Common;
using Dashboard.Runtime.Definitions;
using Dashboard.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.IntegrationTests.Definitions;

public sealed class DefinitionServiceTests : IAsyncLifetime
{
    private static readonly Actor Tester = new("tester");
    private DashboardHost _host = null!;

    private EventDefinitionService Events => _host.Services.GetRequiredService<EventDefinitionService>();
    private WorkflowDefinitionService Workflows => _host.Services.GetRequiredService<WorkflowDefinitionService>();

    public async Task InitializeAsync() => _host = await DashboardHost.StartWithAdminAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    public static TheoryData<string, string> InvalidEvents() => new()
    {
        { "cron", "cronExpression" },
        { "schema-not-json", "dataSchema" },
        { "schema-not-a-schema", "dataSchema" },
        { "description-too-long", "description" },
        { "bad-key", "key" },
        { "http-without-route", "httpRoute" },
    };

    [Theory]
    [MemberData(nameof(InvalidEvents))]
    public async Task SaveAsync_InvalidField_RejectedAtThatFieldAndNothingSaved(string scenario, string field)
    {
        var model = Http("valid.key", "valid-route");
        switch (scenario)
        {
            case "cron":
                model = new EventDefinitionModel { Key = "nightly", SourceKind = EventSourceKind.Cron, CronExpression = "61 * * * *" };
                break;
            case "schema-not-json":
                model.DataSchema = "{ \"type\": ";
                break;
            case "schema-not-a-schema":
                model.DataSchema = "[1, 2]";
                break;
            case "description-too-long":
                model.Description = new string('d', DefinitionRules.MaxDescriptionLength + 1);
                break;
            case "bad-key":
                model.Key = "Has Spaces";
                break;
            case "http-without-route":
                model.HttpRoute = " ";
                break;
        }

        var result = await Events.SaveAsync(model, Tester, CancellationToken.None);

        Assert.False(result.Succeeded);
        Assert.Contains(result.Errors, e => e.Field == field);
        Assert.Equal(0, await CountAsync(db => db.EventDefinitions));
    }

    [Fact]
    public async Task SaveAsync_DuplicateKey_RejectedAtKey()
    {
        Assert.True((await Events.SaveAsync(Http("orders.created", "orders"), Tester, CancellationToken.None)).Succeeded);

        var result = await Events.SaveAsync(Http("orders.created", "other"), Tester, CancellationToken.None);

        Assert.Equal("key", Assert.Single(result.Errors).Field);
        Assert.Equal(1, await CountAsync(db => db.EventDefinitions));
    }

    [Fact]
    public async Task SaveAsync_RouteDiffersOnlyInCaseAndSlashes_RejectedAtHttpRoute()
    {
        Assert.True((await Events.SaveAsync(Http("orders.created", "/Orders/"), Tester, CancellationToken.None)).Succeeded);

        var result = await Events.SaveAsync(Http("orders.other", "orders"), Tester, CancellationToken.None);

        Assert.Equal("httpRoute", Assert.Single(result.Errors).Field);
        Assert.Equal(1, await CountAsync(db => db.EventDefinitions));
    }

    [Fact]
    public async Task SaveAsync_UnknownWorkflow_RejectedAtWorkflowNames()
    {
        var model = Http("orders.created", "orders");
        model.WorkflowNames = ["does-not-exist"];

        var result = await Events.SaveAsync(model, Tester, CancellationToken.None);

        Assert.Equal("workflowNames", Assert.Single(result.Errors).Field);
        Assert.Equal(0, await CountAsync(db => db.EventDefinitions));
    }

    [Fact]
    public async Task SaveAsync_WorkflowStepsChanged_CreatesVersion2AndKeepsVersion1()
    {
        var model = new WorkflowDefinitionModel { Name = "notify", Steps = [Step("say", "first")] };
        var created = await Workflows.SaveAsync(model, Tester, CancellationToken.None);
        Assert.True(created.Succeeded);

        var edit = (await Workflows.GetAsync(created.Id!.Value, CancellationToken.None))!;
        Assert.Equal(1, edit.CurrentVersion);
        edit.Steps = [Step("say", "second"), Step("say-again", "third")];
        Assert.True((await Workflows.SaveAsync(edit, Tester, CancellationToken.None)).Succeeded);

        var versions = await Workflows.GetVersionsAsync(created.Id.Value, CancellationToken.None);
        Assert.Equal([2, 1], versions.Select(v => v.Version));
        Assert.Contains("first", versions.Single(v => v.Version == 1).StepsJson, StringComparison.Ordinal);
        Assert.Contains("third", versions.Single(v => v.Version == 2).StepsJson, StringComparison.Ordinal);
        Assert.Equal(2, (await Workflows.GetAsync(created.Id.Value, CancellationToken.None))!.CurrentVersion);
    }

    [Fact]
    public async Task SaveAsync_WorkflowUnchangedSteps_KeepsVersion()
    {
        var created = await Workflows.SaveAsync(new WorkflowDefinitionModel { Name = "notify", Steps = [Step("say", "first")] }, Tester, CancellationToken.None);
        var edit = (await Workflows.GetAsync(created.Id!.Value, CancellationToken.None))!;
        edit.Description = "only the description changed";

        Assert.True((await Workflows.SaveAsync(edit, Tester, CancellationToken.None)).Succeeded);

        Assert.Single(await Workflows.GetVersionsAsync(created.Id.Value, CancellationToken.None));
    }

    [Fact]
    public async Task SaveAsync_WorkflowDuplicateNameOrStep_RejectedAtField()
    {
        Assert.True((await Workflows.SaveAsync(new WorkflowDefinitionModel { Name = "notify" }, Tester, CancellationToken.None)).Succeeded);

        var duplicate = await Workflows.SaveAsync(new WorkflowDefinitionModel { Name = "notify" }, Tester, CancellationToken.None);
        var badSteps = await Workflows.SaveAsync(
            new WorkflowDefinitionModel { Name = "other", Steps = [Step("a", "x"), Step("a", "y"), new WorkflowStep("b", "teleport", [])] }, Tester, CancellationToken.None);

        Assert.Equal("name", Assert.Single(duplicate.Errors).Field);
        Assert.Equal(["steps[1].name", "steps[2].type"], badSteps.Errors.Select(e => e.Field).Order());
        Assert.Equal(1, await CountAsync(db => db.WorkflowDefinitions));
    }

    private static EventDefinitionModel Http(string key, string route) => new() { Key = key, SourceKind = EventSourceKind.Http, HttpRoute = route };

    private static WorkflowStep Step(string name, string message) => new(name, "log", new System.Text.Json.Nodes.JsonObject { ["message"] = message });

    private async Task<int> CountAsync<T>(Func<DashboardDbContext, IQueryable<T>> set)
    {
        await using var db = await _host.Services.GetRequiredService<IDbContextFactory<DashboardDbContext>>().CreateDbContextAsync();
        return await set(db).CountAsync();
    }
}
