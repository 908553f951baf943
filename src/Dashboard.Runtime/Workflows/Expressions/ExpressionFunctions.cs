using System.Text.Json.Nodes;

namespace Dashboard.Runtime.Workflows.Expressions;

/// <summary>The built-in functions: upper, lower, len, now, coalesce, json, string, number, exists.</summary>
internal static class ExpressionFunctions
{
    private static readonly Dictionary<string, (int Min, int Max)> Arity = new(StringComparer.Ordinal)
    {
        ["upper"] = (1, 1),
        ["lower"] = (1, 1),
        ["len"] = (1, 1),
        ["now"] = (0, 0),
        ["coalesce"] = (1, 16),
        ["json"] = (1, 1),
        ["string"] = (1, 1),
        ["number"] = (1, 1),
        ["exists"] = (1, 1),
    };

    public static IEnumerable<string> Names => Arity.Keys;

    /// <summary>Checks the name and argument count when parsing, so a save reports them.</summary>
    public static void Check(string name, int count, int position)
    {
        if (!Arity.TryGetValue(name, out var arity))
        {
            throw new ExpressionException($"unknown function '{name}' (known: {string.Join(", ", Arity.Keys)})", position);
        }

        if (count < arity.Min || count > arity.Max)
        {
            var expected = arity.Min == arity.Max ? $"{arity.Min}" : $"{arity.Min} to {arity.Max}";
            throw new ExpressionException($"{name}() takes {expected} argument(s), not {count}", position);
        }
    }

    public static JsonNode? Invoke(string name, IReadOnlyList<Expr> args, ExpressionScope scope, int position)
    {
        switch (name)
        {
            case "now":
                return JsonValue.Create(scope.Clock.GetUtcNow().ToString("O", System.Globalization.CultureInfo.InvariantCulture));
            case "coalesce":
                foreach (var arg in args)
                {
                    if (TryEvaluate(arg, scope) is { } value)
                    {
                        return value;
                    }
                }

                return null;
            case "exists":
                TryEvaluate(args[0], scope, missingAsNull: true, out var found);
                return JsonValue.Create(found);
        }

        var input = args[0].Evaluate(scope);
        return name switch
        {
            "upper" => JsonValue.Create(RequireString(name, input, position).ToUpperInvariant()),
            "lower" => JsonValue.Create(RequireString(name, input, position).ToLowerInvariant()),
            "len" => input switch
            {
                JsonArray array => JsonValue.Create((decimal)array.Count),
                JsonObject obj => JsonValue.Create((decimal)obj.Count),
                _ when JsonValues.AsString(input) is { } s => JsonValue.Create((decimal)s.Length),
                _ => throw new ExpressionException($"len() needs a string, array or object, not {JsonValues.Kind(input)}", position),
            },
            "json" => JsonValue.Create(input?.ToJsonString() ?? "null"),
            "string" => JsonValue.Create(JsonValues.ToText(input)),
            _ => ToNumber(input, position),
        };
    }

    private static JsonNode? ToNumber(JsonNode? input, int position)
    {
        if (JsonValues.TryNumber(input, out var number))
        {
            return JsonValue.Create(number);
        }

        if (JsonValues.AsString(input) is { } s && decimal.TryParse(s, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out number))
        {
            return JsonValue.Create(number);
        }

        throw new ExpressionException($"number() cannot convert {JsonValues.Kind(input)} '{JsonValues.ToText(input)}'", position);
    }

    private static string RequireString(string name, JsonNode? input, int position) =>
        JsonValues.AsString(input) ?? throw new ExpressionException($"{name}() needs a string, not {JsonValues.Kind(input)}", position);

    private static JsonNode? TryEvaluate(Expr expr, ExpressionScope scope) => TryEvaluate(expr, scope, missingAsNull: true, out _);

    /// <summary>Evaluates a path that may be missing: <paramref name="found"/> tells a JSON null from a missing field.</summary>
    private static JsonNode? TryEvaluate(Expr expr, ExpressionScope scope, bool missingAsNull, out bool found)
    {
        try
        {
            var value = expr.Evaluate(scope);
            found = true;
            return value;
        }
        catch (ExpressionException ex) when (missingAsNull && expr is PathExpr && ex.Reason.StartsWith("missing field", StringComparison.Ordinal))
        {
            found = false;
            return null;
        }
    }
}
