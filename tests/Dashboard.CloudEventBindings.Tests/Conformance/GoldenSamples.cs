using CloudNative.CloudEvents;

namespace Dashboard.CloudEventBindings.Tests.Conformance;

/// <summary>The expected ("golden") events named by the vectors' <c>sampleId</c>.</summary>
internal static class GoldenSamples
{
    public static CloudEventAttribute[] SampleExtensionAttributes { get; } =
    [
        CloudEventAttribute.CreateExtension("extinteger", CloudEventAttributeType.Integer),
        CloudEventAttribute.CreateExtension("extboolean", CloudEventAttributeType.Boolean),
        CloudEventAttribute.CreateExtension("extstring", CloudEventAttributeType.String),
        CloudEventAttribute.CreateExtension("exturi", CloudEventAttributeType.Uri),
        CloudEventAttribute.CreateExtension("exturiref", CloudEventAttributeType.UriReference),
        CloudEventAttribute.CreateExtension("exttimestamp", CloudEventAttributeType.Timestamp),
        CloudEventAttribute.CreateExtension("extbinary", CloudEventAttributeType.Binary),
    ];

    /// <summary>Declared types of the sample extension attributes used by vectors flagged <c>sampleExtensionAttributes</c>.</summary>

    public static CloudEvent Event(string sampleId)
    {
        var cloudEvent = Minimal(sampleId);
        switch (sampleId)
        {
            case "minimal":
                break;
            case "minimalWithTime":
                cloudEvent.Time = new DateTimeOffset(2018, 4, 5, 17, 31, 0, TimeSpan.Zero);
                break;
            case "minimalWithRelativeSource":
                cloudEvent.Source = new Uri("#fragment", UriKind.Relative);
                break;
            case "allCore":
                cloudEvent.DataContentType = "text/plain";
                cloudEvent.DataSchema = new Uri("https://cloudevents.io/dataschema");
                cloudEvent.Subject = "tests";
                cloudEvent.Time = new DateTimeOffset(2018, 4, 5, 17, 31, 0, TimeSpan.Zero);
                break;
            case "simpleTextData":
                cloudEvent.DataContentType = "text/plain";
                cloudEvent.Data = "Simple text";
                break;
            case "allExtensionTypes":
                var attributes = SampleExtensionAttributes.ToDictionary(a => a.Name);
                cloudEvent[attributes["extinteger"]] = 10;
                cloudEvent[attributes["extboolean"]] = true;
                cloudEvent[attributes["extstring"]] = "text";
                cloudEvent[attributes["exturi"]] = new Uri("https://cloudevents.io");
                cloudEvent[attributes["exturiref"]] = new Uri("//authority/path", UriKind.RelativeOrAbsolute);
                cloudEvent[attributes["exttimestamp"]] = new DateTimeOffset(2023, 3, 31, 15, 12, 0, TimeSpan.Zero);
                cloudEvent[attributes["extbinary"]] = new byte[] { 0x4D, 0x61 };
                break;
            default:
                throw new ArgumentException($"No golden sample '{sampleId}'", nameof(sampleId));
        }

        return cloudEvent;
    }

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

    private static CloudEvent Minimal(string id) => SdkEvents.New(id, TestSource, TestType);
}
