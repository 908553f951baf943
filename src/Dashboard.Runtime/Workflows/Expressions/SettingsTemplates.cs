using System.Text.Json.Nodes;
using Dashboard.Runtime.Common;

namespace Dashboard.Runtime.Workflows.Expressions;

/// <summary>Renders or checks every template string inside a step's settings (objects and arrays are walked).</summary>
public static class SettingsTemplates
{
    /// <summary>A rendered copy of <paramref name="node"/>; template errors name <paramref name="field"/> and the position.</summary>
    public static JsonNode? Render(JsonNode? node, ExpressionScope scope, string field)
    {
        switch (node)
        {
            case JsonObject obj:
                var copy = new JsonObject();
                foreach (var (name, value) in obj)
                {
                    copy[name] = Render(value, scope, $"{field}.{name}");
                }

                return copy;
            case JsonArray array:
                var items = new JsonArray();
                for (var i = 0; i < array.Count; i++)
                {
                    items.Add(Render(array[i], scope, $"{field}[{i}]"));
                }

                return items;
            default:
                if (JsonValues.AsString(node) is { } text && Template.HasExpressions(text))
                {
                    try
                    {
                        return Template.Parse(text).Render(scope);
                    }
                    catch (ExpressionException ex)
                    {
                        throw new TemplateFieldException(field, ex);
                    }
                }

                return node?.DeepClone();
        }
    }

    /// <summary>Adds a field error for each template under <paramref name="node"/> that does not parse.</summary>
    public static void Check(JsonNode? node, string field, List<FieldError> errors)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (name, value) in obj)
                {
                    Check(value, $"{field}.{name}", errors);
                }

                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    Check(array[i], $"{field}[{i}]", errors);
                }

                break;
            default:
                if (JsonValues.AsString(node) is { } text && Template.HasExpressions(text))
                {
                    try
                    {
                        Template.Parse(text);
                    }
                    catch (ExpressionException ex)
                    {
                        errors.Add(new FieldError(field, ex.Message));
                    }
                }

                break;
        }
    }
}

/// <summary>A template in a settings field failed; the message names the field and the position.</summary>
public sealed class TemplateFieldException(string field, ExpressionException inner) : Exception($"{field}: {inner.Message}", inner)
{
    public string Field { get; } = field;
    public int Position { get; } = inner.Position;
}
