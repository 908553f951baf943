using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Dashboard.BrowserTests.Infrastructure;
using Dashboard.Data.Entities;
using Dashboard.Runtime.Common;
using Dashboard.Runtime.Definitions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Dashboard.BrowserTests.Firing;

public sealed class ManualFiringTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private const string Schema = """{"type":"object","required":["orderId","qty"],"properties":{"orderId":{"type":"string"},"qty":{"type":"integer","minimum":1}}}""";

    [Fact]
    public async Task FireFromDefinition_EditAndFire_RunSucceedsOnRunDetailPage()
    {
        await using var session = await BrowserSession.StartAsync(browser, nameof(FireFromDefinition_EditAndFire_RunSucceedsOnRunDetailPage), seedAdmin: true);
        var page = session.Page;
        var definitionId = await SeedAsync(session);
        await session.SignInAsync();

        await page.GotoAsync("event-definitions");
        await session.WaitForInteractiveAsync();
        await session.ScreenshotAsync("definitions");
        await page.Locator($"[data-testid=fire-{definitionId}]").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex($"/event-definitions/{definitionId}/fire$"));
        await Expect(page.Locator("[data-testid=fire-valid]")).ToBeVisibleAsync();
        var editor = page.Locator("[data-testid=fire-editor]");
        var example = JsonNode.Parse(await editor.InputValueAsync())!;
        Assert.Equal("/dashboard/manual", example["source"]!.GetValue<string>());
        Assert.Equal("com.example.manual", example["type"]!.GetValue<string>());

        example["data"] = new JsonObject { ["orderId"] = "A-1", ["qty"] = 0 };
        await editor.FillAsync(example.ToJsonString());
        await Expect(page.Locator("[data-testid=fire-problems]")).ToContainTextAsync("$.data.qty");
        await Expect(page.Locator("[data-testid=fire-submit]")).ToBeDisabledAsync();
        await session.ScreenshotAsync("fire-invalid");

        example["data"]!["qty"] = 3;
        await editor.FillAsync(example.ToJsonString());
        await Expect(page.Locator("[data-testid=fire-valid]")).ToBeVisibleAsync();
        await page.Locator("[data-testid=fire-submit]").ClickAsync();
        await Expect(page.Locator("[data-testid=fire-result]")).ToContainTextAsync("202 Accepted");
        await session.ScreenshotAsync("fire-accepted");

        await page.Locator("[data-testid=fire-runs] a").First.ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/runs/[0-9]+$"));
        await Expect(page.Locator("[data-testid=run-state]")).ToContainTextAsync("Succeeded", new() { Timeout = 30_000 });
        await Expect(page.Locator("[data-testid=run-steps]")).ToContainTextAsync("shape");
        await Expect(page.Locator("[data-testid=step-output]").Last).ToContainTextAsync("\"orderId\": \"A-1\"", new() { UseInnerText = false });
        await session.ScreenshotAsync("run-succeeded");

        await page.Locator("[data-testid=run-trigger]").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/events/[0-9]+$"));
        await Expect(page.Locator("[data-testid=event-attributes]")).ToContainTextAsync("user:admin");
        await session.ScreenshotAsync("event");
    }

    private static async Task<long> SeedAsync(BrowserSession session)
    {
        var tester = new Actor("tester");
        var workflows = session.Host.Services.GetRequiredService<WorkflowDefinitionService>();
        var events = session.Host.Services.GetRequiredService<EventDefinitionService>();
        var workflow = await workflows.SaveAsync(new WorkflowDefinitionModel
        {
            Name = "manual-flow",
            Steps =
            [
                new("note", "log", new JsonObject { ["message"] = "order {{ event.data.orderId }}" }),
                new("shape", "transform", new JsonObject { ["template"] = new JsonObject { ["orderId"] = "{{ event.data.orderId }}", ["qty"] = "{{ event.data.qty }}" } }),
            ],
        }, tester, default);
        Assert.True(workflow.Succeeded, string.Join("; ", workflow.Errors));
        var definition = await events.SaveAsync(new EventDefinitionModel
        {
            Key = "orders.manual", SourceKind = EventSourceKind.Manual, TypeFilter = "com.example.manual", DataSchema = Schema,
            AuthMode = EventAuthMode.Token, WorkflowNames = ["manual-flow"],
        }, tester, default);
        Assert.True(definition.Succeeded, string.Join("; ", definition.Errors));
        return definition.Id!.Value;
    }
}
