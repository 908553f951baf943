using System.Collections.Concurrent;
using System.Text.Json;

namespace Dashboard.JsonSchema.Tests.Conformance;

/// <summary>Reads the suite files in place (never copied) and enumerates their cases.</summary>
internal static class SuiteFiles
{
    private static readonly ConcurrentDictionary<string, JsonElement> _files = new(StringComparer.Ordinal);

    public static JsonElement Load(string file) => _files.GetOrAdd(file, static name =>
    {
        var folder = TestSuiteLocator.Folder ?? throw new InvalidOperationException(TestSuiteLocator.MissingReason);
        using var document = JsonDocument.Parse(System.IO.File.ReadAllText(Path.Combine(folder, name)));
        return document.RootElement.Clone();
    });

    public static IEnumerable<SuiteCase> AllCases()
    {
        if (TestSuiteLocator.Folder is not { } folder)
        {
            yield break;
        }

        foreach (var path in Directory.EnumerateFiles(folder, "*.json").Order(StringComparer.Ordinal))
        {
            var file = Path.GetFileName(path);
            var groupIndex = 0;
            foreach (var group in Load(file).EnumerateArray())
            {
                var testIndex = 0;
                foreach (var test in group.GetProperty("tests").EnumerateArray())
                {
                    yield return new SuiteCase(
                        file,
                        groupIndex,
                        testIndex++,
                        group.GetProperty("description").GetString()!,
                        test.GetProperty("description").GetString()!);
                }

                groupIndex++;
            }
        }
    }
}
