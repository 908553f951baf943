using System.Text.Json;

namespace Dashboard.JsonSchema.Tests.Examples;

public sealed class JsonSchemaExampleTests
{
    public static IEnumerable<object[]> SchemaNames() => RealisticSchemas.All.Keys.Select(k => new object[] { k });

    [Theory]
    [MemberData(nameof(SchemaNames))]
    public void Generate_RealisticSchema_ProducesValidInstance(string name)
    {
        var schema = JsonSchema.Compile(RealisticSchemas.All[name], new JsonSchemaOptions { AssertFormat = true });

        var example = JsonSchemaExample.Generate(schema);

        var result = schema.Validate(example);
        Assert.True(result.IsValid, $"{name}: {example}\n{string.Join("\n", result.Errors)}");
    }

    [Fact]
    public void Generate_SchemaWithExamples_ReturnsFirstExample()
    {
        var example = JsonSchemaExample.Generate(RealisticSchemas.All["with-examples"]);

        Assert.Equal("Berlin", TestJson.Parse(example).GetProperty("city").GetString());
    }

    [Fact]
    public void Generate_DefaultsAndConst_AreUsedForProperties()
    {
        var example = TestJson.Parse(JsonSchemaExample.Generate(RealisticSchemas.All["defaults-and-const"]));

        Assert.Equal(2, example.GetProperty("version").GetInt32());
        Assert.Equal("info", example.GetProperty("level").GetString());
        Assert.Equal(3, example.GetProperty("retries").GetInt32());
    }

    [Fact]
    public void Generate_Formats_UseRecognisableSamples()
    {
        var example = TestJson.Parse(JsonSchemaExample.Generate(RealisticSchemas.All["order-created"]));

        Assert.True(Guid.TryParse(example.GetProperty("customer").GetProperty("id").GetString(), out _));
        Assert.Contains('@', example.GetProperty("customer").GetProperty("email").GetString()!);
        Assert.True(DateTimeOffset.TryParse(example.GetProperty("createdAt").GetString(), out _));
        Assert.Equal(2, example.GetProperty("items").GetArrayLength());
        Assert.Matches("^ORD-[0-9]{6}$", example.GetProperty("orderId").GetString()!);
    }

    [Fact]
    public void Generate_EmptySchema_ReturnsEmptyObject()
    {
        Assert.Equal("{}", JsonSchemaExample.Generate("{}"));
    }

    [Fact]
    public void Generate_FromJsonElement_Works()
    {
        var example = JsonSchemaExample.Generate(TestJson.Parse("""{"type": "integer", "minimum": 7}"""));

        Assert.Equal(JsonValueKind.Number, TestJson.Parse(example).ValueKind);
        Assert.Equal("7", example);
    }
}
