namespace Dashboard.JsonSchema.Tests.Keywords;

public sealed class RefTests
{
    [Fact]
    public void Ref_PointerWithEscapes_ResolvesTildeSlashAndPercent()
    {
        var schema = TestJson.Schema("""
            {"$defs": {"a~b": {"type": "integer"}, "c/d": {"type": "string"}, "e%f": {"type": "boolean"}},
             "properties": {"x": {"$ref": "#/$defs/a~0b"}, "y": {"$ref": "#/$defs/c~1d"}, "z": {"$ref": "#/$defs/e%25f"}}}
            """);

        Assert.True(schema.Valid("""{"x": 1, "y": "s", "z": true}"""));
        Assert.Equal(3, schema.Errors("""{"x": "1", "y": 2, "z": null}""").Count);
    }

    [Fact]
    public void Ref_Recursive_ValidatesTree()
    {
        var schema = TestJson.Schema("""
            {"$defs": {"node": {"type": "object", "required": ["value"],
               "properties": {"value": {"type": "integer"}, "children": {"type": "array", "items": {"$ref": "#/$defs/node"}}}}},
             "$ref": "#/$defs/node"}
            """);

        Assert.True(schema.Valid("""{"value": 1, "children": [{"value": 2, "children": [{"value": 3}]}]}"""));
        var error = Assert.Single(schema.Errors("""{"value": 1, "children": [{"value": 2, "children": [{"value": "x"}]}]}"""));
        Assert.Equal("/children/0/children/0/value", error.InstancePath);
        Assert.Equal("#/$defs/node/properties/value/type", error.SchemaPath);
    }

    [Fact]
    public void Ref_Anchor_ResolvesWithinResource()
    {
        var schema = TestJson.Schema("""
            {"$id": "https://example.com/order.json", "properties": {"qty": {"$ref": "#positive"}},
             "$defs": {"p": {"$anchor": "positive", "type": "integer", "minimum": 1}}}
            """);

        Assert.True(schema.Valid("""{"qty": 2}"""));
        Assert.False(schema.Valid("""{"qty": 0}"""));
    }

    [Fact]
    public void Ref_RelativeId_ResolvesAgainstParentBase()
    {
        var schema = TestJson.Schema("""
            {"$id": "https://example.com/schemas/root.json",
             "$defs": {"money": {"$id": "types/money.json", "type": "number"}},
             "properties": {"total": {"$ref": "types/money.json"}, "net": {"$ref": "https://example.com/schemas/types/money.json"}}}
            """);

        Assert.True(schema.Valid("""{"total": 1.5, "net": 1}"""));
        Assert.Equal(2, schema.Errors("""{"total": "1.5", "net": "1"}""").Count);
    }

    [Fact]
    public void DynamicRef_ExtendedTree_UsesOutermostDynamicAnchor()
    {
        var schema = TestJson.Schema("""
            {"$id": "https://example.com/strict-tree", "$dynamicAnchor": "node",
             "$ref": "tree", "unevaluatedProperties": false,
             "$defs": {"tree": {"$id": "tree", "$dynamicAnchor": "node", "type": "object",
               "properties": {"data": true, "children": {"type": "array", "items": {"$dynamicRef": "#node"}}}}}}
            """);

        Assert.True(schema.Valid("""{"children": [{"data": 1}]}"""));
        Assert.False(schema.Valid("""{"children": [{"daat": 1}]}"""));
    }

    [Fact]
    public void DynamicRef_WithoutOuterAnchor_BehavesLikeRef()
    {
        var schema = TestJson.Schema("""
            {"$id": "https://example.com/list", "$defs": {"item": {"$dynamicAnchor": "item", "type": "string"}},
             "items": {"$dynamicRef": "#item"}}
            """);

        Assert.True(schema.Valid("""["a"]"""));
        Assert.False(schema.Valid("[1]"));
    }
}
