using System.Text.Json;
using System.Text.Json.Nodes;
using Dashboard.Runtime.Definitions.Yaml;
using YamlDotNet.RepresentationModel;

namespace Dashboard.Tests.Definitions;

public sealed class YamlJsonTests
{
    [Fact]
    public void ToJson_PlainScalars_BecomeJsonTypes()
    {
        var json = YamlJson.ToJson(Load("a: 1\nb: 2.5\nc: true\nd: null\ne: text\nf: \"true\"\ng: '12'\nh: [1, x]"))!;

        Assert.Equal("""{"a":1,"b":2.5,"c":true,"d":null,"e":"text","f":"true","g":"12","h":[1,"x"]}""", json.ToJsonString());
    }

    [Theory]
    [InlineData("plain")]
    [InlineData("true")]
    [InlineData("null")]
    [InlineData("12")]
    [InlineData("1.5e3")]
    [InlineData("a: b")]
    [InlineData("- dash")]
    [InlineData(" padded ")]
    [InlineData("")]
    [InlineData("#comment")]
    [InlineData("two\nlines")]
    public void String_AnyText_ReadsBackAsTheSameString(string text)
    {
        var document = new YamlMappingNode { { "v", YamlJson.String(text) } };
        using var writer = new StringWriter();
        new YamlStream(new YamlDocument(document)).Save(writer, assignAnchors: false);

        var back = YamlJson.ToJson(Load(writer.ToString()))!["v"]!;

        Assert.Equal(JsonValueKind.String, back.GetValueKind());
        Assert.Equal(text, back.GetValue<string>());
    }

    [Fact]
    public void ToYaml_JsonDocument_RoundTripsThroughToJson()
    {
        const string json = """{"type":"object","required":["id"],"properties":{"id":{"type":"integer","minimum":1},"flag":{"const":"true"},"n":{"const":null}}}""";
        using var document = JsonDocument.Parse(json);

        var back = YamlJson.ToJson(YamlJson.ToYaml(document.RootElement))!;

        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(json), back));
    }

    private static YamlNode Load(string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        return stream.Documents[0].RootNode;
    }
}
