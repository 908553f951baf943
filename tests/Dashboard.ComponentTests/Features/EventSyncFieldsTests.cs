using Bunit;
using Dashboard.Data.Entities;
using Dashboard.Runtime.Common;
using Dashboard.Runtime.Definitions;
using Dashboard.Web.Features.EventDefinitions;

namespace Dashboard.ComponentTests.Features;

public sealed class EventSyncFieldsTests
{
    [Fact]
    public async Task EventSyncFields_SwitchedToSync_ShowsTimeoutAndResponseSchemaAndSetsMode()
    {
        await using var ctx = TestContexts.Create(Dashboard.Web.Security.Policies.Admin);
        var model = new EventDefinitionModel { SourceKind = EventSourceKind.Http, HttpRoute = "quote" };
        var cut = ctx.Render<EventSyncFields>(p => p.Add(c => c.Model, model).Add(c => c.Errors, []));
        Assert.Empty(cut.FindAll("textarea[data-testid=field-response-schema]"));

        cut.Find("input[data-testid=field-mode-sync]").Change(true);
        cut.Find("textarea[data-testid=field-response-schema]").Change("""{"type":"object"}""");
        cut.Find("input[data-testid=field-timeout-seconds]").Change("12");

        Assert.Equal(EventMode.Sync, model.Mode);
        Assert.Equal("""{"type":"object"}""", model.ResponseSchema);
        Assert.Equal(12, model.SyncTimeoutSeconds);
    }

    [Fact]
    public async Task EventSyncFields_ServerErrorOnResponseSchema_IsShownOnThatFieldOnly()
    {
        await using var ctx = TestContexts.Create(Dashboard.Web.Security.Policies.Admin);
        var model = new EventDefinitionModel { SourceKind = EventSourceKind.Http, Mode = EventMode.Sync, ResponseSchema = """{"type":"nope"}""" };
        FieldError[] errors = [new("responseSchema", "Not a valid JSON Schema: type must name a JSON type")];
        var cut = ctx.Render<EventSyncFields>(p => p.Add(c => c.Model, model).Add(c => c.Errors, errors));

        var schema = cut.Find("textarea[data-testid=field-response-schema]");
        var helper = schema.Closest(".mud-input-control")!.QuerySelector(".mud-input-helper-text.mud-input-error");
        Assert.Contains("Not a valid JSON Schema", helper!.TextContent, StringComparison.Ordinal);
        Assert.Null(cut.Find("input[data-testid=field-timeout-seconds]").Closest(".mud-input-control")!.QuerySelector(".mud-input-error"));
        Assert.Null(cut.Find("textarea[data-testid=field-validation-error-body]").Closest(".mud-input-control")!.QuerySelector(".mud-input-error"));
    }

    [Fact]
    public async Task EventSyncFields_ModeErrorFromServer_IsListedUnderTheSwitch()
    {
        await using var ctx = TestContexts.Create(Dashboard.Web.Security.Policies.Admin);
        var model = new EventDefinitionModel { SourceKind = EventSourceKind.Cron, Mode = EventMode.Sync };
        FieldError[] errors = [new("mode", "Only HTTP events can be sync.")];
        var cut = ctx.Render<EventSyncFields>(p => p.Add(c => c.Model, model).Add(c => c.Errors, errors));

        Assert.Contains("Only HTTP events can be sync.", cut.Find(".field-error[data-field=mode]").TextContent, StringComparison.Ordinal);
    }
}
