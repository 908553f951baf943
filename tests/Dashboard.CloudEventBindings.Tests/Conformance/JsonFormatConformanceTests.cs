using System.Text;
using System.Text.Json;
using CloudNative.CloudEvents;

namespace Dashboard.CloudEventBindings.Tests.Conformance;

/// <summary>Runs every vector of the CloudEvents JSON format conformance files through the strict reader and the SDK.</summary>
public sealed class JsonFormatConformanceTests
{
    public static TheoryData<string> ValidEvents => ConformanceData.Ids("valid-events.json");

    public static TheoryData<string> InvalidEvents => ConformanceData.Ids("invalid-events.json");

    public static TheoryData<string> ValidBatches => ConformanceData.Ids("valid-batches.json");

    public static TheoryData<string> InvalidBatches => ConformanceData.Ids("invalid-batches.json");

    [ConformanceTheory]
    [MemberData(nameof(ValidEvents))]
    public void Parse_ValidEventVector_MatchesGoldenSample(string id)
    {
        var test = Find("valid-events.json", id);

        var result = StrictJsonEventFormatter.Default.DecodeStructured(Raw(test, "event"), ExtensionsFor(test));

        Assert.True(result.IsValid, string.Join("; ", result.Errors));
        if (test.TryGetProperty("sampleId", out var sampleId))
        {
            SdkEvents.AssertEqual(GoldenSamples.Event(sampleId.GetString()!), result.Event!);
        }
    }

    [ConformanceTheory]
    [MemberData(nameof(InvalidEvents))]
    public void Parse_InvalidEventVector_IsRejectedWithReason(string id)
    {
        var test = Find("invalid-events.json", id);

        var result = StrictJsonEventFormatter.Default.DecodeStructured(Raw(test, "event"), ExtensionsFor(test));

        Assert.False(result.IsValid);
        Assert.NotEmpty(result.Errors);
        Assert.All(result.Errors, e => Assert.False(string.IsNullOrWhiteSpace(e.Message)));
    }

    [ConformanceTheory]
    [MemberData(nameof(ValidBatches))]
    public void ParseBatch_ValidBatchVector_MatchesGoldenSample(string id)
    {
        var test = Find("valid-batches.json", id);

        var result = StrictJsonEventFormatter.Default.DecodeBatch(Raw(test, "batch"), ExtensionsFor(test));

        Assert.True(result.IsValid, string.Join("; ", result.Errors));
        if (test.TryGetProperty("sampleId", out var sampleId))
        {
            SdkEvents.AssertEqual(GoldenSamples.Batch(sampleId.GetString()!), result.Events);
        }
    }

    [ConformanceTheory]
    [MemberData(nameof(InvalidBatches))]
    public void ParseBatch_InvalidBatchVector_IsRejectedNamingTheIndex(string id)
    {
        var test = Find("invalid-batches.json", id);

        var result = StrictJsonEventFormatter.Default.DecodeBatch(Raw(test, "batch"), ExtensionsFor(test));

        Assert.False(result.IsValid);
        Assert.All(result.Errors, e => Assert.Matches(@"^\$\[\d+\]", e.Path));
    }

    private static JsonElement Find(string file, string id) => ConformanceData.Tests(file).Single(t => t.Id == id).Test;

    private static byte[] Raw(JsonElement test, string member) => Encoding.UTF8.GetBytes(test.GetProperty(member).GetRawText());

    private static IReadOnlyList<CloudEventAttribute>? ExtensionsFor(JsonElement test) =>
        test.TryGetProperty("sampleExtensionAttributes", out var flag) && flag.GetBoolean() ? GoldenSamples.SampleExtensionAttributes : null;
}
