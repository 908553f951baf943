using System.Text.Json.Nodes;

namespace Dashboard.Runtime.Workflows.Expressions;

/// <summary>A parsed expression; <see cref="Position"/> is 1-based in the expression's text.</summary>
public abstract class Expr(int position)
{
    public int Position { get; } = position;

    public abstract JsonNode? Evaluate(ExpressionScope scope);
}

internal sealed class LiteralExpr(JsonNode? value, int position) : Expr(position)
{
    public override JsonNode? Evaluate(ExpressionScope scope) => JsonValues.Clone(value);
}

/// <summary>A path from a root (<c>event.data.order.id</c>, <c>vars.items[0]</c>); a missing field is an error naming the path.</summary>
internal sealed class PathExpr(string root, IReadOnlyList<PathExpr.Segment> segments, int position) : Expr(position)
{
    public sealed record Segment(string? Name, Expr? Index, int Position);

    public override JsonNode? Evaluate(ExpressionScope scope)
    {
        var current = scope.Root(root);
        var path = root;
        foreach (var segment in segments)
        {
            if (segment.Name is { } name)
            {
                if (current is not JsonObject obj || !obj.TryGetPropertyValue(name, out var next))
                {
                    throw new ExpressionException(Missing(path, $"{path}.{name}", current), segment.Position);
                }

                current = next;
                path = $"{path}.{name}";
                continue;
            }

            var key = segment.Index!.Evaluate(scope);
            if (JsonValues.TryNumber(key, out var number) && current is JsonArray array)
            {
                var index = (int)number;
                if (index < 0 || index >= array.Count)
                {
                    throw new ExpressionException($"missing field '{path}[{index}]' ({path} has {array.Count} items)", segment.Position);
                }

                current = array[index];
                path = $"{path}[{index}]";
            }
            else if (JsonValues.AsString(key) is { } property && current is JsonObject obj && obj.TryGetPropertyValue(property, out var next))
            {
                current = next;
                path = $"{path}['{property}']";
            }
            else
            {
                throw new ExpressionException(Missing(path, $"{path}[{JsonValues.ToText(key)}]", current), segment.Position);
            }
        }

        return JsonValues.Clone(current);
    }

    private static string Missing(string parent, string full, JsonNode? current) => current is JsonObject
        ? $"missing field '{full}'"
        : $"missing field '{full}' ({parent} is {JsonValues.Kind(current)}, not an object)";
}

internal sealed class NotExpr(Expr operand, int position) : Expr(position)
{
    public override JsonNode? Evaluate(ExpressionScope scope) => JsonValue.Create(!JsonValues.Truthy(operand.Evaluate(scope)));
}

internal sealed class BinaryExpr(string op, Expr left, Expr right, int position) : Expr(position)
{
    public override JsonNode? Evaluate(ExpressionScope scope)
    {
        switch (op)
        {
            case "and":
                return JsonValue.Create(JsonValues.Truthy(left.Evaluate(scope)) && JsonValues.Truthy(right.Evaluate(scope)));
            case "or":
                return JsonValue.Create(JsonValues.Truthy(left.Evaluate(scope)) || JsonValues.Truthy(right.Evaluate(scope)));
        }

        var a = left.Evaluate(scope);
        var b = right.Evaluate(scope);
        if (op == "==")
        {
            return JsonValue.Create(JsonValues.Equal(a, b));
        }

        if (op == "!=")
        {
            return JsonValue.Create(!JsonValues.Equal(a, b));
        }

        var order = JsonValues.Compare(a, b)
            ?? throw new ExpressionException($"cannot compare {JsonValues.Kind(a)} {op} {JsonValues.Kind(b)}", Position);
        return JsonValue.Create(op switch
        {
            "<" => order < 0,
            "<=" => order <= 0,
            ">" => order > 0,
            _ => order >= 0,
        });
    }
}

internal sealed class CallExpr(string name, IReadOnlyList<Expr> arguments, int position) : Expr(position)
{
    public override JsonNode? Evaluate(ExpressionScope scope) => ExpressionFunctions.Invoke(name, arguments, scope, Position);
}
