using System.Text.Json;
using Dashboard.JsonSchema.Evaluation;
using Dashboard.JsonSchema.Keywords;

namespace Dashboard.JsonSchema.Compilation;

internal sealed partial class SchemaCompiler
{
    private Keyword? CompileRef(string keyword, JsonElement value, string pointer)
    {
        var location = SchemaKeywords.Location(pointer, keyword);
        if (value.ValueKind != JsonValueKind.String)
        {
            _errors.Add(new SchemaError(location, $"'{keyword}' must be a string"));
            return null;
        }

        var reference = value.GetString()!;
        var absolute = UriResolver.Resolve(_index.BaseOf(pointer), reference);
        var (uri, fragment) = UriResolver.SplitFragment(absolute);
        if (!_index.Resources.TryGetValue(uri, out var resourcePointer))
        {
            _errors.Add(new SchemaError(location, $"cannot resolve '{reference}': '{uri}' is not a schema in this document (remote references are not supported)"));
            return null;
        }

        var decoded = Uri.UnescapeDataString(fragment);
        string? targetPointer;
        if (decoded.Length == 0 || decoded.StartsWith('/'))
        {
            targetPointer = resourcePointer + decoded;
            if (!TryNavigate(targetPointer, out _))
            {
                _errors.Add(new SchemaError(location, $"cannot resolve '{reference}': nothing at '#{targetPointer}'"));
                return null;
            }
        }
        else if (!_index.Anchors.TryGetValue(uri + "#" + decoded, out targetPointer))
        {
            _errors.Add(new SchemaError(location, $"cannot resolve '{reference}': anchor '{decoded}' is not defined in '{uri}'"));
            return null;
        }

        var target = CompileAt(targetPointer);
        string? dynamicAnchor = null;
        if (keyword == "$dynamicRef" && _index.DynamicAnchors.ContainsKey(uri + "#" + decoded))
        {
            dynamicAnchor = decoded;
            _usesDynamicScope = true;
        }

        return new RefKeyword(location, target, dynamicAnchor);
    }
}
