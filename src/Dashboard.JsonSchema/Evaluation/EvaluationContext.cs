using System.Text.Json;
using System.Text;

namespace Dashboard.JsonSchema.Evaluation;

/// <summary>Per-validation state: the instance path, collected errors, depth and the dynamic scope.</summary>
internal sealed class EvaluationContext
{
    /// <summary>Nested schema evaluations allowed before a validation fails as a probable loop.</summary>
    public const int MaxDepth = 1000;

    private readonly List<PathSegment> _path = [];
    private readonly List<SchemaResource> _scope = [];
    private List<ValidationError>? _errors;
    private int _depth;
    private bool _trackScope;

    public bool Collecting => _errors is not null;

    public int ErrorCount => _errors?.Count ?? 0;

    public IReadOnlyList<SchemaResource> DynamicScope => _scope;

    public void Reset(bool collect, bool trackScope)
    {
        _errors = collect ? [] : null;
        _trackScope = trackScope;
        _depth = 0;
        _path.Clear();
        _scope.Clear();
    }

    public List<ValidationError>? TakeErrors()
    {
        var errors = _errors;
        _errors = null;
        return errors;
    }

    /// <summary>Stops collecting errors (for subschemas whose failures are not errors); returns the token to resume.</summary>
    public List<ValidationError>? SuspendErrors() => TakeErrors();

    public void ResumeErrors(List<ValidationError>? errors) => _errors = errors;

    public void TruncateErrors(int count)
    {
        if (_errors is not null && _errors.Count > count)
        {
            _errors.RemoveRange(count, _errors.Count - count);
        }
    }

    /// <summary>Rewrites the errors recorded since <paramref name="mark"/>.</summary>
    public void RewriteErrors(int mark, Func<ValidationError, ValidationError> rewrite)
    {
        if (_errors is null)
        {
            return;
        }

        for (var i = mark; i < _errors.Count; i++)
        {
            _errors[i] = rewrite(_errors[i]);
        }
    }

    public void PushProperty(string name) => _path.Add(new PathSegment(name, -1));

    /// <summary>Evaluates <paramref name="schema"/> against one property's value, with the property on the instance path.</summary>
    public bool EvaluateProperty(SchemaNode schema, JsonProperty property) => EvaluateProperty(schema, property, property.Name);

    /// <summary>As <see cref="EvaluateProperty(SchemaNode, JsonProperty)"/>, with the property's name already read.</summary>
    public bool EvaluateProperty(SchemaNode schema, JsonProperty property, string name)
    {
        PushProperty(name);
        var ok = schema.Evaluate(property.Value, this, null);
        Pop();
        return ok;
    }

    public void PushIndex(int index) => _path.Add(new PathSegment(null, index));

    public void Pop() => _path.RemoveAt(_path.Count - 1);

    public bool Enter(SchemaNode node)
    {
        if (++_depth > MaxDepth)
        {
            _depth--;
            AddError("#" + node.Location, "$ref", "maximum evaluation depth exceeded (the schema probably loops through $ref)");
            return false;
        }

        if (_trackScope)
        {
            _scope.Add(node.Resource);
        }

        return true;
    }

    public void Exit(SchemaNode node)
    {
        _depth--;
        if (_trackScope)
        {
            _scope.RemoveAt(_scope.Count - 1);
        }
    }

    public void AddError(string schemaPath, string keyword, string message)
    {
        if (_errors is null)
        {
            return;
        }

        var pointer = new StringBuilder();
        var jsonPath = new StringBuilder("$");
        foreach (var segment in _path)
        {
            if (segment.Name is null)
            {
                pointer.Append('/').Append(segment.Index);
                jsonPath.Append('[').Append(segment.Index).Append(']');
            }
            else
            {
                pointer.Append('/').Append(JsonPointer.Escape(segment.Name));
                JsonPointer.AppendName(jsonPath, segment.Name);
            }
        }

        _errors.Add(new ValidationError(pointer.ToString(), jsonPath.ToString(), schemaPath, keyword, message));
    }

    private readonly record struct PathSegment(string? Name, int Index);
}
