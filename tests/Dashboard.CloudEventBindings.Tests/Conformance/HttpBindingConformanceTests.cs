using System.Text.Json;
using System.Text.Json.Nodes;
using CloudNative.CloudEvents;

namespace Dashboard.CloudEventBindings.Tests.Conformance;

/// <summary>Runs the scenarios of http-protocol-binding.feature through <see cref="CloudEventHttpDecoder"/>.</summary>
public sealed class HttpBindingConformanceTests
{
    private const string FeatureFileName = "http-protocol-binding.feature";

    public static TheoryData<string> Scenarios
    {
        get
        {
            var data = new TheoryData<string>();
            if (ConformanceData.Directory is null)
            {
                data.Add("(vectors missing)");
                return data;
            }

            foreach (var scenario in FeatureFile.Read(ConformanceData.PathOf(FeatureFileName)))
            {
                data.Add(scenario.Name);
            }

            return data;
        }
    }

    [ConformanceTheory]
    [MemberData(nameof(Scenarios))]
    public void Decode_FeatureScenario_YieldsExpectedAttributesAndData(string name)
    {
        var scenario = FeatureFile.Read(ConformanceData.PathOf(FeatureFileName)).Single(s => s.Name == name);
        var request = HttpRequestText.Parse(scenario.Request);

        var result = CloudEventHttpDecoder.Decode(request.ContentType, request.Headers, request.Body);

        Assert.True(result.IsValid, string.Join("; ", result.Errors));
        var cloudEvent = Assert.Single(result.Events);
        Assert.NotEmpty(scenario.Attributes);
        foreach (var (key, value) in scenario.Attributes)
        {
            Assert.Equal(value, Attribute(cloudEvent, key));
        }

        if (scenario.DataJson is not null)
        {
            Assert.IsType<JsonElement>(cloudEvent.Data);
            Assert.True(JsonNode.DeepEquals(JsonNode.Parse(scenario.DataJson), SdkEvents.DataJson(cloudEvent)));
        }
    }

    [ConformanceFact]
    public void Read_FeatureFile_FindsEveryScenario()
    {
        var scenarios = FeatureFile.Read(ConformanceData.PathOf(FeatureFileName));

        Assert.Equal(4, scenarios.Count);
        Assert.All(scenarios, s => Assert.DoesNotContain('<', s.Request));
    }

    private static string? Attribute(CloudEvent cloudEvent, string key) => key == "specversion"
        ? cloudEvent.SpecVersion.VersionId
        : cloudEvent.GetAttribute(key) is { } attribute && cloudEvent[attribute] is { } value ? attribute.Format(value) : null;
}
