using System.Collections.ObjectModel;

namespace Dashboard.CloudEvents.Tests.Conformance;

/// <summary>The expected ("golden") events named by the vectors' <c>sampleId</c>.</summary>
internal static class GoldenSamples
{
    /// <summary>Declared types of the sample extension attributes used by vectors flagged <c>sampleExtensionAttributes</c>.</summary>
    public static CloudEventReaderOptions SampleExtensionOptions { get; } = new()
    {
        ExtensionTypes = new Dictionary<string, CloudEventAttributeType>
        {
            ["extinteger"] = CloudEventAttributeType.Integer,
            ["extboolean"] = CloudEventAttributeType.Boolean,
            ["extstring"] = CloudEventAttributeType.String,
            ["exturi"] = CloudEventAttributeType.Uri,
            ["exturiref"] = CloudEventAttributeType.UriReference,
            ["exttimestamp"] = CloudEventAttributeType.Timestamp,
            ["extbinary"] = CloudEventAttributeType.Binary,
        },
    };

    public static CloudEvent Event(string sampleId) => sampleId switch
    {
        "minimal" => Minimal("minimal"),
        "minimalWithTime" => new CloudEvent
        {
            Id = "minimalWithTime", Type = TestType, Source = TestSource, Time = new DateTimeOffset(2018, 4, 5, 17, 31, 0, TimeSpan.Zero),
        },
        "minimalWithRelativeSource" => new CloudEvent { Id = "minimalWithRelativeSource", Type = TestType, Source = "#fragment" },
        "allCore" => new CloudEvent
        {
            Id = "allCore", Type = TestType, Source = TestSource, DataContentType = "text/plain",
            DataSchema = "https://cloudevents.io/dataschema", Subject = "tests", Time = new DateTimeOffset(2018, 4, 5, 17, 31, 0, TimeSpan.Zero),
        },
        "simpleTextData" => new CloudEvent
        {
            Id = "simpleTextData", Type = TestType, Source = TestSource, DataContentType = "text/plain",
            Data = CloudEventData.FromJson("\"Simple text\""),
        },
        "allExtensionTypes" => new CloudEvent
        {
            Id = "allExtensionTypes", Type = TestType, Source = TestSource,
            Extensions = new ReadOnlyDictionary<string, object>(new OrderedDictionary<string, object>
            {
                ["extinteger"] = 10,
                ["extboolean"] = true,
                ["extstring"] = "text",
                ["exturi"] = "https://cloudevents.io",
                ["exturiref"] = "//authority/path",
                ["exttimestamp"] = "2023-03-31T15:12:00Z",
                ["extbinary"] = "TWE=",
            }),
        },
        _ => throw new ArgumentException($"No golden sample '{sampleId}'", nameof(sampleId)),
    };

    public static IReadOnlyList<CloudEvent> Batch(string sampleId) => sampleId switch
    {
        "empty" => [],
        "minimal" => [Event("minimal")],
        "minimal2" => [Event("minimal"), Event("minimal")],
        "minimalAndAllCore" => [Event("minimal"), Event("allCore")],
        "minimalAndAllExtensionTypes" => [Event("minimal"), Event("allExtensionTypes")],
        _ => throw new ArgumentException($"No golden batch sample '{sampleId}'", nameof(sampleId)),
    };

    private const string TestType = "io.cloudevents.test";
    private const string TestSource = "https://cloudevents.io";

    private static CloudEvent Minimal(string id) => new() { Id = id, Type = TestType, Source = TestSource };
}
