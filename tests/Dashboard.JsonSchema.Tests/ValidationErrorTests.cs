namespace Dashboard.JsonSchema.Tests;

public sealed class ValidationErrorTests
{
    private const string OrderSchema = """
        {"type": "object", "required": ["id", "order"],
         "properties": {
           "id": {"type": "string", "format": "uuid"},
           "order": {"type": "object", "required": ["items"],
             "properties": {"items": {"type": "array", "minItems": 1,
               "items": {"type": "object", "required": ["sku", "qty"],
                 "properties": {"sku": {"type": "string", "pattern": "^[A-Z]{3}-[0-9]{4}$"}, "qty": {"type": "integer", "minimum": 1}}}}}}}}
        """;

    [Fact]
    public void Validate_SeveralProblems_ReturnsEveryErrorWithPaths()
    {
        var schema = TestJson.Schema(OrderSchema);

        var errors = schema.Errors("""{"order": {"items": [{"sku": "abc", "qty": 0}, {"qty": "2"}]}}""");

        Assert.Equal(5, errors.Count);
        Assert.Contains(errors, e => e.InstancePath == "" && e.Message == "required property 'id' is missing");
        Assert.Contains(errors, e => e.InstancePath == "/order/items/0/sku" && e.Keyword == "pattern");
        var qty = Assert.Single(errors, e => e.InstancePath == "/order/items/0/qty");
        Assert.Equal("$.order.items[0].qty", qty.JsonPath);
        Assert.Equal("#/properties/order/properties/items/items/properties/qty/minimum", qty.SchemaPath);
        Assert.Contains(errors, e => e.JsonPath == "$.order.items[1]" && e.Message == "required property 'sku' is missing");
        Assert.Contains(errors, e => e.JsonPath == "$.order.items[1].qty" && e.Message == "expected integer but got string");
    }

    [Fact]
    public void Validate_ValidInstance_ReturnsSharedValidResult()
    {
        var schema = TestJson.Schema(OrderSchema);

        var result = schema.Validate("""{"id": "x", "order": {"items": [{"sku": "ABC-1234", "qty": 2}]}}""");

        Assert.True(result.IsValid);
        Assert.Empty(result.Errors);
    }

    [Fact]
    public void IsValid_InvalidInstance_ReturnsFalse()
    {
        var schema = TestJson.Schema(OrderSchema);

        Assert.False(schema.IsValid(TestJson.Parse("""{"id": "x", "order": {"items": []}}""")));
    }

    [Fact]
    public void ToString_IncludesJsonPathMessageAndSchemaPath()
    {
        var error = Assert.Single(TestJson.Schema("""{"items": {"type": "string"}}""").Errors("[1]"));

        Assert.Equal("$[0]: expected string but got integer (#/items/type)", error.ToString());
    }
}
