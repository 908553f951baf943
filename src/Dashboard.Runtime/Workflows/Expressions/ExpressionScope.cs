using System.Text.Json.Nodes;

namespace Dashboard.Runtime.Workflows.Expressions;

/// <summary>The names an expression can read: <c>event</c>, <c>vars</c> and <c>steps</c>, plus the clock for <c>now()</c>.</summary>
public sealed class ExpressionScope(JsonNode? eventNode, JsonObject variables, JsonObject steps, TimeProvider clock)
{
    public static IReadOnlyList<string> Roots { get; } = ["event", "vars", "steps"];

    public JsonNode? Event { get; } = eventNode;
    public JsonObject Variables { get; } = variables;

    /// <summary>Completed steps by name, each <c>{ "output": ... }</c>.</summary>
    public JsonObject Steps { get; } = steps;
    public TimeProvider Clock { get; } = clock;

    public JsonNode? Root(string name) => name switch
    {
        "event" => Event,
        "vars" => Variables,
        _ => Steps,
    };
}
