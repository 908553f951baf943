using System.Text.Json;
using Dashboard.JsonSchema.Evaluation;

namespace Dashboard.JsonSchema.Keywords;

internal sealed class IfThenElseKeyword : Keyword
{
    private readonly SchemaNode _if;
    private readonly SchemaNode? _then;
    private readonly SchemaNode? _else;

    public IfThenElseKeyword(string schemaPath, SchemaNode condition, SchemaNode? then, SchemaNode? otherwise)
        : base(schemaPath)
    {
        _if = condition;
        _then = then;
        _else = otherwise;
    }

    public override IEnumerable<SchemaNode> InPlaceChildren =>
        new[] { _if, _then, _else }.Where(n => n is not null).Select(n => n!);

    public override bool Evaluate(JsonElement instance, EvaluationContext context, EvaluatedTracker? tracker)
    {
        if (_then is null && _else is null && tracker is null)
        {
            return true;
        }

        var errors = context.SuspendErrors();
        var matched = _if.Evaluate(instance, context, tracker);
        context.ResumeErrors(errors);
        var branch = matched ? _then : _else;
        return branch is null || branch.Evaluate(instance, context, tracker);
    }
}
