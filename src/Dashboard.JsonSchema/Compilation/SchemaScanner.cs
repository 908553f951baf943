using System.Text.Json;
using System.Text.RegularExpressions;

namespace Dashboard.JsonSchema.Compilation;

/// <summary>Walks a schema document once to register <c>$id</c> resources and anchors.</summary>
internal sealed partial class SchemaScanner
{
    private readonly SchemaIndex _index = new();
    private readonly List<SchemaError> _errors;

    private SchemaScanner(List<SchemaError> errors)
    {
        _errors = errors;
    }

    public static SchemaIndex Scan(JsonElement root, string defaultBaseUri, List<SchemaError> errors)
    {
        var scanner = new SchemaScanner(errors);
        scanner._index.Resources[defaultBaseUri] = string.Empty;
        scanner.Walk(root, string.Empty, defaultBaseUri);
        return scanner._index;
    }

    private void Walk(JsonElement schema, string pointer, string baseUri)
    {
        if (schema.ValueKind != JsonValueKind.Object)
        {
            _index.BaseUris.TryAdd(pointer, baseUri);
            return;
        }

        baseUri = RegisterId(schema, pointer, baseUri);
        _index.BaseUris[pointer] = baseUri;
        RegisterAnchor(schema, pointer, baseUri, "$anchor");
        RegisterAnchor(schema, pointer, baseUri, "$dynamicAnchor");
        foreach (var property in schema.EnumerateObject())
        {
            var child = SchemaKeywords.Child(pointer, property.Name);
            if (SchemaKeywords.Single.Contains(property.Name))
            {
                Walk(property.Value, child, baseUri);
            }
            else if (SchemaKeywords.Array.Contains(property.Name) && property.Value.ValueKind == JsonValueKind.Array)
            {
                var i = 0;
                foreach (var item in property.Value.EnumerateArray())
                {
                    Walk(item, child + "/" + i++, baseUri);
                }
            }
            else if (SchemaKeywords.Map.Contains(property.Name) && property.Value.ValueKind == JsonValueKind.Object)
            {
                foreach (var entry in property.Value.EnumerateObject())
                {
                    Walk(entry.Value, SchemaKeywords.Child(child, entry.Name), baseUri);
                }
            }
        }
    }

    private string RegisterId(JsonElement schema, string pointer, string baseUri)
    {
        if (!schema.TryGetProperty("$id", out var id))
        {
            return baseUri;
        }

        if (id.ValueKind != JsonValueKind.String)
        {
            Error(pointer, "$id", "'$id' must be a string");
            return baseUri;
        }

        var (uri, fragment) = UriResolver.SplitFragment(UriResolver.Resolve(baseUri, id.GetString()!));
        if (fragment.Length > 0)
        {
            Error(pointer, "$id", $"'$id' must not contain a fragment ('{id.GetString()}'); use '$anchor' instead");
        }

        if (_index.Resources.TryGetValue(uri, out var existing) && existing != pointer && existing.Length > 0)
        {
            Error(pointer, "$id", $"'$id' '{uri}' is already used by the schema at '#{existing}'");
        }

        _index.Resources[uri] = pointer;
        return uri;
    }

    private void RegisterAnchor(JsonElement schema, string pointer, string baseUri, string keyword)
    {
        if (!schema.TryGetProperty(keyword, out var anchor))
        {
            return;
        }

        if (anchor.ValueKind != JsonValueKind.String || !AnchorPattern().IsMatch(anchor.GetString()!))
        {
            Error(pointer, keyword, $"'{keyword}' must be a name made of letters, digits, '-', '_' and '.'");
            return;
        }

        var key = baseUri + "#" + anchor.GetString();
        _index.Anchors[key] = pointer;
        if (keyword == "$dynamicAnchor")
        {
            _index.DynamicAnchors[key] = pointer;
        }
    }

    private void Error(string pointer, string keyword, string message) =>
        _errors.Add(new SchemaError(SchemaKeywords.Location(pointer, keyword), message));

    [GeneratedRegex(@"^[A-Za-z_][A-Za-z0-9._\-]*\z")]
    private static partial Regex AnchorPattern();
}
