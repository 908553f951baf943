namespace Dashboard.CloudEventBindings.Tests.Conformance;

/// <summary>A scenario of a Gherkin feature file, with Scenario Outline examples already substituted.</summary>
internal sealed record FeatureScenario(string Name, string Request, IReadOnlyList<(string Key, string Value)> Attributes, string? DataJson);

/// <summary>
/// A small reader for the subset of Gherkin the CloudEvents binding features use: Scenario / Scenario Outline,
/// doc strings (""" ... """), data tables and Examples.
/// </summary>
internal static class FeatureFile
{
    public static IReadOnlyList<FeatureScenario> Read(string path)
    {
        var lines = File.ReadAllLines(path);
        var scenarios = new List<FeatureScenario>();
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            if (line.StartsWith("Scenario", StringComparison.Ordinal))
            {
                scenarios.AddRange(ReadScenario(lines, ref i, line[(line.IndexOf(':') + 1)..].Trim()));
            }
        }

        return scenarios;
    }

    private static IEnumerable<FeatureScenario> ReadScenario(string[] lines, ref int i, string title)
    {
        string? request = null, dataJson = null;
        var attributes = new List<string[]>();
        var examples = new List<string[]>();
        List<string[]>? table = null;
        string? pendingDocString = null;
        for (i++; i < lines.Length && !lines[i].Trim().StartsWith("Scenario", StringComparison.Ordinal); i++)
        {
            var line = lines[i].Trim();
            if (line.StartsWith("\"\"\"", StringComparison.Ordinal))
            {
                var text = ReadDocString(lines, ref i);
                if (pendingDocString == "request")
                {
                    request = text;
                }
                else if (pendingDocString == "data")
                {
                    dataJson = text;
                }
            }
            else if (line.StartsWith('|'))
            {
                table?.Add(line.Trim('|').Split('|').Select(c => c.Trim()).ToArray());
            }
            else if (line.StartsWith("Given an HTTP request", StringComparison.Ordinal))
            {
                pendingDocString = "request";
            }
            else if (line.Contains("the data is equal to the following JSON", StringComparison.Ordinal))
            {
                pendingDocString = "data";
            }
            else if (line.Contains("the attributes are", StringComparison.Ordinal))
            {
                table = attributes;
            }
            else if (line.StartsWith("Examples:", StringComparison.Ordinal))
            {
                table = examples;
            }
        }

        i--;
        return Expand(title, request ?? "", attributes.Skip(1).Select(r => (r[0], r[1])).ToArray(), dataJson, examples);
    }

    private static IEnumerable<FeatureScenario> Expand(
        string title, string request, (string Key, string Value)[] attributes, string? data, List<string[]> examples)
    {
        if (examples.Count < 2)
        {
            yield return new FeatureScenario(title, request, attributes, data);
            yield break;
        }

        var header = examples[0];
        foreach (var row in examples.Skip(1))
        {
            string Fill(string s)
            {
                for (var c = 0; c < header.Length; c++)
                {
                    s = s.Replace($"<{header[c]}>", row[c], StringComparison.Ordinal);
                }

                return s;
            }

            yield return new FeatureScenario(Fill(title), Fill(request), attributes.Select(a => (Fill(a.Key), Fill(a.Value))).ToArray(), data is null ? null : Fill(data));
        }
    }

    private static string ReadDocString(string[] lines, ref int i)
    {
        var indent = lines[i].IndexOf('"');
        var body = new List<string>();
        for (i++; i < lines.Length && lines[i].Trim() != "\"\"\""; i++)
        {
            var line = lines[i];
            body.Add(line.Length >= indent && string.IsNullOrWhiteSpace(line[..indent]) ? line[indent..] : line.TrimStart());
        }

        return string.Join("\n", body);
    }
}
