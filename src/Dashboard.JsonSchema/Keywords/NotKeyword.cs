using System.Text.Json;
using Dashboard.JsonSchema.Evaluation;

namespace Dashboard.JsonSchema.Keywords;

internal sealed class NotKeyword : Keyword
{
    private readonly SchemaNode _schema;

    public NotKeyword(string schemaPath, SchemaNode schema)
        : base(schemaPath)
    {
        _schema = schema;
    }

    public override IEnumerable<SchemaNode> InPlaceChildren => [_schema];

    public override bool Evaluate(JsonElement instance, EvaluationContext context, EvaluatedTracker? tracker)
    {
        var errors = context.SuspendErrors();
        var matched = _schema.Evaluate(instance, context, null);
        context.ResumeErrors(errors);
        if (matched)
        {
            context.AddError(SchemaPath, "not", "value must not match the 'not' schema");
        }

        return !matched;
    }
}
