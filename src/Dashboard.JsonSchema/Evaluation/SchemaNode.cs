using System.Text.Json;

namespace Dashboard.JsonSchema.Evaluation;

/// <summary>A compiled schema (object or boolean): its keywords in evaluation order.</summary>
internal sealed class SchemaNode
{
    private Keyword[] _keywords = [];

    public SchemaNode(string location, JsonElement element, SchemaResource resource)
    {
        Location = location;
        Element = element;
        Resource = resource;
        BooleanValue = element.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => null,
        };
    }

    /// <summary>The JSON Pointer of this schema inside the root document.</summary>
    public string Location { get; }

    public JsonElement Element { get; }

    public SchemaResource Resource { get; }

    public bool? BooleanValue { get; }

    public IReadOnlyList<Keyword> Keywords => _keywords;

    /// <summary>True when a keyword here reads annotations (unevaluatedItems / unevaluatedProperties).</summary>
    public bool NeedsTracking { get; private set; }

    public void SetKeywords(IEnumerable<Keyword> keywords)
    {
        _keywords = keywords.OrderBy(k => k.RunsLast).ToArray();
        NeedsTracking = _keywords.Any(k => k.RunsLast);
    }

    public bool Evaluate(JsonElement instance, EvaluationContext context, EvaluatedTracker? tracker)
    {
        if (BooleanValue is bool value)
        {
            if (!value)
            {
                context.AddError("#" + Location, "false", "no value is allowed here (the schema is false)");
            }

            return value;
        }

        if (!context.Enter(this))
        {
            return false;
        }

        var local = tracker is not null || NeedsTracking ? new EvaluatedTracker() : null;
        var valid = true;
        foreach (var keyword in _keywords)
        {
            if (!keyword.Evaluate(instance, context, local))
            {
                valid = false;
                if (!context.Collecting)
                {
                    break;
                }
            }
        }

        if (valid && tracker is not null && local is not null)
        {
            tracker.Merge(local);
        }

        context.Exit(this);
        return valid;
    }
}
