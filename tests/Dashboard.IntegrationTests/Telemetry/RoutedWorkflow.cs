using System.Text;
using Dashboard.Data.Entities;
using Dashboard.Runtime.Common;
using Dashboard.Runtime.Definitions;
using Dashboard.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.IntegrationTests.Telemetry;

/// <summary>A public event definition on <c>/hooks/{route}</c> routed to a workflow of three log steps.</summary>
internal static class RoutedWorkflow
{
    private static readonly Actor Tester = new("tester");

    public static async Task CreateAsync(DashboardHost host, string route, string workflow)
    {
        var workflows = host.Services.GetRequiredService<WorkflowDefinitionService>();
        var model = new WorkflowDefinitionModel
        {
            Name = workflow,
            Steps = [WorkflowDefinitionModel.NewStep("first", "log"), WorkflowDefinitionModel.NewStep("second", "log"), WorkflowDefinitionModel.NewStep("third", "log")],
        };
        var saved = await workflows.SaveAsync(model, Tester, default);
        Assert.True(saved.Succeeded, string.Join("; ", saved.Errors));
        var events = host.Services.GetRequiredService<EventDefinitionService>();
        var definition = await events.SaveAsync(new EventDefinitionModel
        {
            Key = $"{route}.hook", HttpRoute = route, AuthMode = EventAuthMode.Public, WorkflowNames = [workflow],
        }, Tester, default);
        Assert.True(definition.Succeeded, string.Join("; ", definition.Errors));
    }

    public static StringContent Event(string id, string? traceParent = null)
    {
        var extension = traceParent is null ? "" : $",\"traceparent\":\"{traceParent}\"";
        var json = $"{{\"specversion\":\"1.0\",\"id\":\"{id}\",\"source\":\"/telemetry\",\"type\":\"com.example.telemetry\"{extension},\"data\":{{\"n\":1}}}}";
        return new StringContent(json, Encoding.UTF8, "application/cloudevents+json");
    }
}
