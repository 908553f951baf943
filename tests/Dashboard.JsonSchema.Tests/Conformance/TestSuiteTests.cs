using Xunit.Abstractions;

namespace Dashboard.JsonSchema.Tests.Conformance;

/// <summary>Runs every case of the official draft 2020-12 test suite from the shared test data folder.</summary>
public sealed class TestSuiteTests
{
    private readonly ITestOutputHelper _output;

    public TestSuiteTests(ITestOutputHelper output)
    {
        _output = output;
    }

    public static IEnumerable<object[]> Cases() =>
        SuiteFiles.AllCases().Where(c => SkipList.ReasonFor(c) is null).Select(c => new object[] { c });

    public static IEnumerable<object[]> SkippedCases() =>
        SuiteFiles.AllCases().Where(c => SkipList.ReasonFor(c) is not null).Select(c => new object[] { c });

    [TestSuiteTheory]
    [MemberData(nameof(Cases))]
    public void Suite(SuiteCase testCase)
    {
        var outcome = SuiteRunner.Run(testCase);

        Assert.True(outcome.Passed, outcome.Detail);
    }

    [TestSuiteTheory]
    [MemberData(nameof(SkippedCases), Skip = SkipList.RemoteMetaSchema)]
    public void SuiteSkipped(SuiteCase testCase)
    {
        Assert.Fail($"{testCase} is on the skip list and must not run");
    }

    [TestSuiteFact]
    public void Suite_AllCases_EveryCaseOutsideSkipListPasses()
    {
        var all = SuiteFiles.AllCases().ToList();
        var skipped = all.Where(c => SkipList.ReasonFor(c) is not null).ToList();
        var outcomes = all.Except(skipped).Select(SuiteRunner.Run).ToList();
        var failed = outcomes.Where(o => !o.Passed).ToList();

        _output.WriteLine($"JSON Schema Test Suite draft2020-12: {all.Count} cases, {outcomes.Count - failed.Count} passed, {skipped.Count} skipped, {failed.Count} failed");
        foreach (var group in skipped.GroupBy(c => SkipList.ReasonFor(c)))
        {
            _output.WriteLine($"skipped ({group.Key}): {string.Join("; ", group)}");
        }

        foreach (var failure in failed)
        {
            _output.WriteLine("FAILED " + failure.Detail);
        }

        Assert.Empty(failed);
        Assert.True(all.Count > 800, $"expected the full suite, found only {all.Count} cases");
        Assert.All(SkipList.Groups.Keys, key => Assert.Contains(skipped, c => c.File == key.File && c.Group == key.Group));
        Assert.All(skipped, c => Assert.False(JsonSchema.TryCompile(c.Schema, out _, out _), $"{c} compiles now; remove it from the skip list"));
    }
}
