using System.Text.Json;

namespace Dashboard.CloudEventBindings.Tests.Conformance;

/// <summary>
/// Locates the shared CloudEvents conformance vectors: walk up from the test binaries to the folder holding
/// Dashboard.sln (or Dashboard.slnx), then <c>../shared/testdata/cloudevents</c>. Null when absent.
/// </summary>
internal static class ConformanceData
{
    private static readonly Lazy<string?> _directory = new(Locate);

    public static string? Directory => _directory.Value;

    public static string MissingReason =>
        "CloudEvents conformance vectors not found (expected ../shared/testdata/cloudevents next to the repository root)";

    public static string PathOf(string fileName) =>
        System.IO.Path.Combine(Directory ?? throw new InvalidOperationException(MissingReason), fileName);

    /// <summary>The tests of one vector file as (id, test object) pairs.</summary>
    public static IEnumerable<(string Id, JsonElement Test)> Tests(string fileName)
    {
        using var document = JsonDocument.Parse(File.ReadAllBytes(PathOf(fileName)));
        var tests = document.RootElement.GetProperty("tests");
        return tests.EnumerateArray().Select(t => (t.GetProperty("id").GetString()!, t.Clone())).ToArray();
    }

    /// <summary>Test ids for <c>MemberData</c>; a placeholder row when the folder is missing (the theory is skipped then).</summary>
    public static TheoryData<string> Ids(string fileName)
    {
        var data = new TheoryData<string>();
        if (Directory is null)
        {
            data.Add("(vectors missing)");
            return data;
        }

        foreach (var (id, _) in Tests(fileName))
        {
            data.Add(id);
        }

        return data;
    }

    private static string? Locate()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "Dashboard.sln")) || File.Exists(System.IO.Path.Combine(dir.FullName, "Dashboard.slnx")))
            {
                var vectors = System.IO.Path.GetFullPath(System.IO.Path.Combine(dir.FullName, "..", "shared", "testdata", "cloudevents"));
                return System.IO.Directory.Exists(vectors) ? vectors : null;
            }
        }

        return null;
    }
}
