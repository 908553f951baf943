using System.Text.Json.Nodes;
using Dashboard.Runtime.Workflows.Expressions;
using static Dashboard.Tests.Workflows.WorkflowTestData;

namespace Dashboard.Tests.Workflows;

public sealed class ExpressionParserTests
{
    [Theory]
    [InlineData("event.data.order.id", "\"A-17\"")]
    [InlineData("event.data.order.total", "120.5")]
    [InlineData("event.data.order.items[1].sku", "\"y\"")]
    [InlineData("event.data['customer']", "\"Ada\"")]
    [InlineData("event.data.order.note", "null")]
    [InlineData("'it''s'", null)]
    [InlineData("42", "42")]
    [InlineData("true", "true")]
    public void Evaluate_PathsAndLiterals_ReturnJsonValues(string expression, string? expected)
    {
        if (expected is null)
        {
            Assert.Throws<ExpressionException>(() => Eval(expression));
            return;
        }

        Assert.Equal(expected, Eval(expression)?.ToJsonString() ?? "null");
    }

    [Theory]
    [InlineData("event.data.order.total > 100", true)]
    [InlineData("event.data.order.total <= 100", false)]
    [InlineData("event.data.customer == 'Ada'", true)]
    [InlineData("event.data.customer != \"Ada\"", false)]
    [InlineData("'abc' < 'abd'", true)]
    [InlineData("2 >= 2.0", true)]
    [InlineData("event.data.order.note == null", true)]
    [InlineData("true and not false", true)]
    [InlineData("false or 1 == 1 and 2 == 3", false)]
    [InlineData("(false or 1 == 1) and 2 == 2", true)]
    [InlineData("!(1 == 2) && 1 < 2 || false", true)]
    [InlineData("not event.data.order.note", true)]
    public void Evaluate_ComparisonsAndLogic_FollowPrecedence(string expression, bool expected) =>
        Assert.Equal(expected, Eval(expression)!.GetValue<bool>());

    [Theory]
    [InlineData("upper(event.data.customer)", "\"ADA\"")]
    [InlineData("lower('MiXed')", "\"mixed\"")]
    [InlineData("len(event.data.order.items)", "2")]
    [InlineData("len('four')", "4")]
    [InlineData("coalesce(event.data.missing, event.data.order.note, 'fallback')", "\"fallback\"")]
    [InlineData("coalesce(vars.x, 5)", "5")]
    [InlineData("number('12.5') > 12", "true")]
    [InlineData("string(3)", "\"3\"")]
    [InlineData("exists(event.data.order.id)", "true")]
    [InlineData("exists(event.data.order.nope)", "false")]
    public void Evaluate_Functions_ReturnExpectedValues(string expression, string expected) =>
        Assert.Equal(expected, Eval(expression)!.ToJsonString());

    [Fact]
    public void Evaluate_Now_ReadsTheInjectedClock() =>
        Assert.Equal("2030-01-02T03:04:05.0000000+00:00", Eval("now()")!.GetValue<string>());

    [Fact]
    public void Evaluate_Json_SerializesValueToString() =>
        Assert.Equal("""{"sku":"x"}""", Eval("json(event.data.order.items[0])")!.GetValue<string>());

    [Fact]
    public void Evaluate_VariablesAndStepOutputs_AreReadable()
    {
        var steps = new JsonObject { ["fetch-order"] = new JsonObject { ["output"] = new JsonObject { ["status"] = 200 } } };
        var scope = Scope(new JsonObject { ["count"] = 3 }, steps);

        Assert.True(Eval("vars.count == 3 and steps.fetch-order.output.status == 200", scope)!.GetValue<bool>());
    }

    [Theory]
    [InlineData("event.data.order.idx", 18, "missing field 'event.data.order.idx'")]
    [InlineData("event.data.customer.name", 21, "missing field 'event.data.customer.name' (event.data.customer is string, not an object)")]
    [InlineData("event.data.order.items[5]", 23, "missing field 'event.data.order.items[5]' (event.data.order.items has 2 items)")]
    [InlineData("upper(event.data.order.total)", 1, "upper() needs a string, not number")]
    [InlineData("event.data.customer < 3", 21, "cannot compare string < number")]
    public void Evaluate_BadData_ThrowsWithPathAndPosition(string expression, int position, string reason)
    {
        var error = Assert.Throws<ExpressionException>(() => Eval(expression));

        Assert.Equal(position, error.Position);
        Assert.Equal(reason, error.Reason);
    }

    [Theory]
    [InlineData("event.data.", 12, "expected a field name after '.'")]
    [InlineData("foo.bar", 1, "unknown name 'foo' (paths start with event, vars or steps)")]
    [InlineData("upper(1, 2)", 1, "upper() takes 1 argument(s), not 2")]
    [InlineData("shout('x')", 1, "unknown function 'shout'")]
    [InlineData("1 == 'open", 6, "unterminated string")]
    [InlineData("(1 == 1", 8, "expected ')' before the end")]
    [InlineData("1 == 1 2", 8, "unexpected '2'")]
    [InlineData("vars.a # 1", 8, "unexpected character '#'")]
    [InlineData("   ", 4, "empty expression")]
    public void Parse_SyntaxErrors_ReportPosition(string expression, int position, string reasonStart)
    {
        var error = Assert.Throws<ExpressionException>(() => ExpressionParser.Parse(expression));

        Assert.Equal(position, error.Position);
        Assert.StartsWith(reasonStart, error.Reason, StringComparison.Ordinal);
    }
}
