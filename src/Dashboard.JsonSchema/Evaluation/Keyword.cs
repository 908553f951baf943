using System.Text.Json;

namespace Dashboard.JsonSchema.Evaluation;

/// <summary>One compiled keyword of a schema object.</summary>
internal abstract class Keyword
{
    protected Keyword(string schemaPath)
    {
        SchemaPath = schemaPath;
    }

    /// <summary>The keyword's location in the schema document, such as <c>#/properties/a/type</c>.</summary>
    public string SchemaPath { get; }

    /// <summary>Keywords that depend on annotations of their siblings run last.</summary>
    public virtual bool RunsLast => false;

    /// <summary>Subschemas applied to the same instance location (used to find loops).</summary>
    public virtual IEnumerable<SchemaNode> InPlaceChildren => [];

    /// <summary>Checks the instance; records errors in <paramref name="context"/> when it collects them.</summary>
    /// <param name="tracker">Collects evaluated properties and items when a schema needs them; otherwise null.</param>
    public abstract bool Evaluate(JsonElement instance, EvaluationContext context, EvaluatedTracker? tracker);
}
