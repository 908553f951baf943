using System.Text.Json;
using Dashboard.JsonSchema.Evaluation;

namespace Dashboard.JsonSchema.Keywords;

/// <summary><c>$ref</c>, and <c>$dynamicRef</c> (which, when bookended, looks up the dynamic scope first).</summary>
internal sealed class RefKeyword : Keyword
{
    private readonly SchemaNode _target;
    private readonly string? _dynamicAnchor;

    public RefKeyword(string schemaPath, SchemaNode target, string? dynamicAnchor)
        : base(schemaPath)
    {
        _target = target;
        _dynamicAnchor = dynamicAnchor;
    }

    public SchemaNode Target => _target;

    public bool IsDynamic => _dynamicAnchor is not null;

    public override IEnumerable<SchemaNode> InPlaceChildren => [_target];

    public override bool Evaluate(JsonElement instance, EvaluationContext context, EvaluatedTracker? tracker)
    {
        var target = _target;
        if (_dynamicAnchor is not null)
        {
            foreach (var resource in context.DynamicScope)
            {
                if (resource.DynamicAnchors.TryGetValue(_dynamicAnchor, out var found))
                {
                    target = found;
                    break;
                }
            }
        }

        return target.Evaluate(instance, context, tracker);
    }
}
