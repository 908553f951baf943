using System.Text;
using Dashboard.Data.Entities;
using Dashboard.Runtime.Common;
using Dashboard.Runtime.Definitions;
using Dashboard.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.BrowserTests.Live;

/// <summary>Definitions for the live pages' tests: "open" (public, /hooks/open) and "guarded" (token, /hooks/guarded), each with a workflow.</summary>
internal static class LiveDefinitions
{
    private static readonly Actor Tester = new("tester");

    public static async Task<long> CreateAsync(DashboardHost host)
    {
        var workflows = host.Services.GetRequiredService<WorkflowDefinitionService>();
        var events = host.Services.GetRequiredService<EventDefinitionService>();
        long guardedWorkflow = 0;
        foreach (var name in new[] { "open-flow", "guarded-flow" })
        {
            var saved = await workflows.SaveAsync(new WorkflowDefinitionModel { Name = name, Steps = [WorkflowDefinitionModel.NewStep("note", "log")] }, Tester, default);
            Assert.True(saved.Succeeded, string.Join("; ", saved.Errors));
            if (name == "guarded-flow")
            {
                guardedWorkflow = saved.Id!.Value;
            }
        }

        var open = await events.SaveAsync(new EventDefinitionModel
        {
            Key = "open.hook", HttpRoute = "open", TypeFilter = "com.example.open", AuthMode = EventAuthMode.Public, WorkflowNames = ["open-flow"],
        }, Tester, default);
        Assert.True(open.Succeeded, string.Join("; ", open.Errors));
        var guarded = await events.SaveAsync(new EventDefinitionModel
        {
            Key = "guarded.hook", HttpRoute = "guarded", AuthMode = EventAuthMode.Token, WorkflowNames = ["guarded-flow"],
        }, Tester, default);
        Assert.True(guarded.Succeeded, string.Join("; ", guarded.Errors));
        return guardedWorkflow;
    }

    public static async Task<HttpResponseMessage> PostOpenAsync(DashboardHost host, string id, string data = """{"n":1}""")
    {
        using var client = host.CreateClient();
        var json = $$"""{"specversion":"1.0","id":"{{id}}","source":"/browser","type":"com.example.open","datacontenttype":"application/json","data":{{data}}}""";
        return await client.PostAsync("/hooks/open", new StringContent(json, Encoding.UTF8, "application/cloudevents+json"));
    }
}
