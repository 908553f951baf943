namespace Dashboard.JsonSchema.Tests.Conformance;

/// <summary>Finds the shared JSON Schema Test Suite folder relative to the repository root.</summary>
internal static class TestSuiteLocator
{
    private static readonly Lazy<string?> _folder = new(Find);

    /// <summary>The draft2020-12 folder, or null when it is absent.</summary>
    public static string? Folder => _folder.Value;

    public static string MissingReason =>
        "JSON Schema Test Suite not found: expected ../shared/testdata/json-schema-test-suite/draft2020-12 next to the repository root";

    private static string? Find()
    {
        var root = FindRepositoryRoot(AppContext.BaseDirectory);
        if (root is null)
        {
            return null;
        }

        var folder = Path.GetFullPath(Path.Combine(root, "..", "shared", "testdata", "json-schema-test-suite", "draft2020-12"));
        return Directory.Exists(folder) && Directory.EnumerateFiles(folder, "*.json").Any() ? folder : null;
    }

    private static string? FindRepositoryRoot(string start)
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Dashboard.sln")) || File.Exists(Path.Combine(dir.FullName, "Dashboard.slnx")))
            {
                return dir.FullName;
            }
        }

        return null;
    }
}
