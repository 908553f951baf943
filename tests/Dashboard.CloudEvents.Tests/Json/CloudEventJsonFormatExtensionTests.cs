namespace Dashboard.CloudEvents.Tests.Json;

public sealed class CloudEventJsonFormatExtensionTests
{
    [Fact]
    public void Parse_Extensions_KeepsTypedValuesInDocumentOrder()
    {
        var result = TestJson.Parse("\"zeta\":\"z\",\"alpha\":true,\"mid1\":-42,\"b2\":false");

        Assert.True(result.IsValid);
        Assert.Equal(["zeta", "alpha", "mid1", "b2"], result.Event.Extensions.Keys);
        Assert.Equal(new object[] { "z", true, -42, false }, result.Event.Extensions.Values);
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
        var options = new CloudEventReaderOptions
        {
            ExtensionTypes = new Dictionary<string, CloudEventAttributeType>
            {
                ["count"] = CloudEventAttributeType.Integer,
                ["flag"] = CloudEventAttributeType.Boolean,
                ["link"] = CloudEventAttributeType.Uri,
                ["at"] = CloudEventAttributeType.Timestamp,
                ["blob"] = CloudEventAttributeType.Binary,
                ["label"] = CloudEventAttributeType.String,
            },
        };

        Assert.Equal("$." + name, TestJson.SingleError(TestJson.Parse($"\"{name}\":{value}", options)).Path);
    }
}
