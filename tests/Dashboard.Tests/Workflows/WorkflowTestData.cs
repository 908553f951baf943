using System.Text.Json.Nodes;
using Dashboard.Runtime.Definitions;
using Dashboard.Runtime.Workflows.Expressions;
using Dashboard.Runtime.Workflows.Steps;

namespace Dashboard.Tests.Workflows;

/// <summary>A clock that only moves when a test moves it.</summary>
public sealed class ManualClock(DateTimeOffset start) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = start;

    public override DateTimeOffset GetUtcNow() => Now;
}

internal static class WorkflowTestData
{
    public static readonly DateTimeOffset Start = new(2030, 1, 2, 3, 4, 5, TimeSpan.Zero);

    public static JsonObject Event() => (JsonObject)JsonNode.Parse("""
        {"id":"e-1","source":"/shop","type":"order.created","data":{"order":{"id":"A-17","total":120.5,"items":[{"sku":"x"},{"sku":"y"}],"note":null},"customer":"Ada"}}
        """)!;

    public static ExpressionScope Scope(JsonObject? vars = null, JsonObject? steps = null, TimeProvider? clock = null) =>
        new(Event(), vars ?? new JsonObject(), steps ?? new JsonObject(), clock ?? new ManualClock(Start));

    public static WorkflowStep Step(string name, string type, string settings) => new(name, type, (JsonObject)JsonNode.Parse(settings)!);

    public static StepContext Context(IReadOnlyList<WorkflowStep> steps, int index = 0, ExpressionScope? scope = null, int attempt = 1) => new()
    {
        RunId = 42,
        WorkflowId = 7,
        WorkflowName = "orders",
        WorkflowVersion = 3,
        Steps = steps,
        Index = index,
        Attempt = attempt,
        Scope = scope ?? Scope(),
    };

    public static JsonNode? Eval(string expression, ExpressionScope? scope = null) => ExpressionParser.Parse(expression).Evaluate(scope ?? Scope());
}
