using System.Text.Json.Nodes;
using Dashboard.Runtime.Workflows.Expressions;
using static Dashboard.Tests.Workflows.WorkflowTestData;

namespace Dashboard.Tests.Workflows;

public sealed class TemplateTests
{
    [Theory]
    [InlineData("{{ event.data.order.total }}", "120.5")]
    [InlineData("{{event.data.order.items}}", """[{"sku":"x"},{"sku":"y"}]""")]
    [InlineData("{{ event.data.order.total > 100 }}", "true")]
    [InlineData("{{ event.data.order.note }}", "null")]
    public void Render_SingleExpression_KeepsJsonType(string template, string expected) =>
        Assert.Equal(expected, Template.Parse(template).Render(Scope())?.ToJsonString() ?? "null");

    [Theory]
    [InlineData("Order {{ event.data.order.id }} for {{ upper(event.data.customer) }}", "Order A-17 for ADA")]
    [InlineData("total={{ event.data.order.total }}, note=[{{ event.data.order.note }}]", "total=120.5, note=[]")]
    [InlineData(" {{ event.data.order.items[0] }}", """ {"sku":"x"}""")]
    [InlineData("no expressions", "no expressions")]
    [InlineData("brace {{ '}}' }}", "brace }}")]
    public void Render_MixedText_Interpolates(string template, string expected) =>
        Assert.Equal(expected, Template.Parse(template).Render(Scope())!.GetValue<string>());

    [Fact]
    public void Render_MissingField_NamesPathAndPositionInTemplate()
    {
        var error = Assert.Throws<ExpressionException>(() => Template.Parse("id: {{ event.data.order.sku }}").Render(Scope()));

        Assert.Equal(25, error.Position);
        Assert.Equal("position 25: missing field 'event.data.order.sku'", error.Message);
    }

    [Theory]
    [InlineData("x {{ event.data. }}", 18)]
    [InlineData("x {{ event.data.a", 3)]
    [InlineData("a {{ nope }}", 6)]
    public void Parse_BadTemplate_ReportsPositionInTemplate(string template, int position) =>
        Assert.Equal(position, Assert.Throws<ExpressionException>(() => Template.Parse(template)).Position);

    [Fact]
    public void Render_Settings_RendersNestedTemplatesAndNamesFieldOnError()
    {
        var settings = JsonNode.Parse("""{"body":{"id":"{{ event.data.order.id }}","lines":["{{ len(event.data.order.items) }}", 3]}}""");

        var rendered = SettingsTemplates.Render(settings, Scope(), "settings");
        var error = Assert.Throws<TemplateFieldException>(() =>
            SettingsTemplates.Render(JsonNode.Parse("""{"url":["ok","{{ vars.host }}"]}"""), Scope(), "settings"));

        Assert.Equal("""{"body":{"id":"A-17","lines":[2,3]}}""", rendered!.ToJsonString());
        Assert.Equal("settings.url[1]: position 9: missing field 'vars.host'", error.Message);
    }
}
