using CloudNative.CloudEvents;

namespace Dashboard.CloudEventBindings.Tests.Json;

public sealed class CloudEventJsonFormatExtensionTests
{
    [Fact]
    public void Parse_UndeclaredExtensions_KeepsValuesAsTheirCanonicalText()
    {
        var result = TestJson.Parse("\"zeta\":\"z\",\"alpha\":true,\"mid1\":-42,\"b2\":false");

        Assert.True(result.IsValid);
        var extensions = result.Event!.Extensions();
        Assert.Equal(["alpha", "b2", "mid1", "zeta"], extensions.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(["true", "false", "-42", "z"], new[] { "alpha", "b2", "mid1", "zeta" }.Select(k => extensions[k]));
    }

    [Theory]
    [InlineData("MyExtension")]
    [InlineData("my.extension")]
    [InlineData("my_ext")]
    [InlineData("abcdefghijabcdefghijk")]
    [InlineData("")]
    [InlineData("ext\\u00e9")]
    public void Parse_InvalidExtensionName_IsRejected(string name)
    {
        var error = TestJson.SingleError(TestJson.Parse($"\"{name}\":\"bad\""));

        Assert.Contains("invalid attribute name", error.Message);
    }

    [Fact]
    public void Parse_TwentyCharacterName_IsAccepted()
    {
        Assert.True(TestJson.Parse("\"abcdefghij0123456789\":1").IsValid);
    }

    [Theory]
    [InlineData("1.5")]
    [InlineData("2147483648")]
    [InlineData("1e3")]
    [InlineData("{\"a\":1}")]
    [InlineData("[1]")]
    public void Parse_ExtensionValueOfOtherType_IsRejected(string value)
    {
        Assert.Equal("$.ext", TestJson.SingleError(TestJson.Parse($"\"ext\":{value}")).Path);
    }

    [Theory]
    [InlineData("count", "\"10\"")]
    [InlineData("flag", "1")]
    [InlineData("link", "\"/relative\"")]
    [InlineData("at", "\"yesterday\"")]
    [InlineData("blob", "\"***\"")]
    [InlineData("label", "true")]
    public void Parse_DeclaredExtensionWithWrongValue_IsRejected(string name, string value)
    {
        CloudEventAttribute[] extensions =
        [
            CloudEventAttribute.CreateExtension("count", CloudEventAttributeType.Integer),
            CloudEventAttribute.CreateExtension("flag", CloudEventAttributeType.Boolean),
            CloudEventAttribute.CreateExtension("link", CloudEventAttributeType.Uri),
            CloudEventAttribute.CreateExtension("at", CloudEventAttributeType.Timestamp),
            CloudEventAttribute.CreateExtension("blob", CloudEventAttributeType.Binary),
            CloudEventAttribute.CreateExtension("label", CloudEventAttributeType.String),
        ];

        Assert.Equal("$." + name, TestJson.SingleError(TestJson.Parse($"\"{name}\":{value}", extensions)).Path);
    }
}
