using System.Text.Json;
using System.Text.RegularExpressions;
using Dashboard.JsonSchema.Evaluation;

namespace Dashboard.JsonSchema.Compilation;

/// <summary>Turns a schema document into a tree (graph, with $ref) of compiled nodes, once.</summary>
internal sealed partial class SchemaCompiler
{
    private readonly JsonElement _root;
    private readonly JsonSchemaOptions _options;
    private readonly SchemaIndex _index;
    private readonly List<SchemaError> _errors;
    private readonly Dictionary<string, SchemaNode> _nodes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SchemaResource> _resources = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Regex?> _regexes = new(StringComparer.Ordinal);
    private bool _usesDynamicScope;

    private SchemaCompiler(JsonElement root, JsonSchemaOptions options, SchemaIndex index, List<SchemaError> errors)
    {
        _root = root;
        _options = options;
        _index = index;
        _errors = errors;
    }

    public static CompiledSchema? Compile(JsonElement root, JsonSchemaOptions options, List<SchemaError> errors)
    {
        var index = SchemaScanner.Scan(root, options.DefaultBaseUri, errors);
        var compiler = new SchemaCompiler(root, options, index, errors);
        var rootNode = compiler.CompileNode(root, string.Empty);
        compiler.LinkDynamicAnchors();
        CycleDetector.Check(compiler._nodes.Values, errors);
        if (errors.Count > 0)
        {
            return null;
        }

        return new CompiledSchema(root, rootNode, compiler._nodes, options, compiler._usesDynamicScope);
    }

    private SchemaNode CompileNode(JsonElement schema, string pointer)
    {
        if (_nodes.TryGetValue(pointer, out var existing))
        {
            return existing;
        }

        var node = new SchemaNode(pointer, schema, ResourceFor(pointer));
        _nodes[pointer] = node;
        if (schema.ValueKind is JsonValueKind.True or JsonValueKind.False)
        {
            return node;
        }

        if (schema.ValueKind != JsonValueKind.Object)
        {
            _errors.Add(new SchemaError("#" + pointer, $"a schema must be an object or a boolean, not {schema.ValueKind.ToString().ToLowerInvariant()}"));
            return node;
        }

        var keywords = new List<Keyword>();
        foreach (var property in schema.EnumerateObject())
        {
            AddKeyword(property.Name, property.Value, schema, pointer, keywords);
        }

        node.SetKeywords(keywords);
        return node;
    }

    private SchemaNode CompileChild(string pointer, string keyword, JsonElement value) =>
        CompileNode(value, SchemaKeywords.Child(pointer, keyword));

    private SchemaNode CompileAt(string pointer)
    {
        if (_nodes.TryGetValue(pointer, out var existing))
        {
            return existing;
        }

        TryNavigate(pointer, out var element);
        return CompileNode(element, pointer);
    }

    private bool TryNavigate(string pointer, out JsonElement element)
    {
        element = _root;
        JsonPointer.TryParse(pointer, out var tokens);
        foreach (var token in tokens)
        {
            if (element.ValueKind == JsonValueKind.Object && element.TryGetProperty(token, out var child))
            {
                element = child;
            }
            else if (element.ValueKind == JsonValueKind.Array && int.TryParse(token, out var i)
                && i >= 0 && i < element.GetArrayLength() && token == i.ToString(System.Globalization.CultureInfo.InvariantCulture))
            {
                element = element[i];
            }
            else
            {
                return false;
            }
        }

        return true;
    }

    private SchemaResource ResourceFor(string pointer) => Resource(_index.BaseOf(pointer));

    private SchemaResource Resource(string uri)
    {
        if (!_resources.TryGetValue(uri, out var resource))
        {
            resource = new SchemaResource(uri);
            _resources[uri] = resource;
        }

        return resource;
    }

    private void LinkDynamicAnchors()
    {
        foreach (var (key, pointer) in _index.DynamicAnchors)
        {
            var (uri, name) = UriResolver.SplitFragment(key);
            Resource(uri).DynamicAnchors[name] = CompileAt(pointer);
        }
    }

    private Regex? GetRegex(string pattern, string location)
    {
        if (_regexes.TryGetValue(pattern, out var cached))
        {
            return cached;
        }

        Regex? regex = null;
        try
        {
            regex = EcmaRegex.Create(pattern, _options.RegexMatchTimeout);
        }
        catch (ArgumentException ex)
        {
            _errors.Add(new SchemaError(location, $"invalid regular expression '{pattern}': {ex.Message}"));
        }

        _regexes[pattern] = regex;
        return regex;
    }
}
