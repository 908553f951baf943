namespace Dashboard.CloudEventBindings.Tests.Conformance;

/// <summary>
/// A small reader for the YAML subset of v1-events.yaml: documents split by <c>---</c>, nested mappings by
/// indentation, double-quoted and plain scalars, and <c>|</c> literal blocks. Mappings are ordered lists.
/// </summary>
internal static class SampleYaml
{
    public static IReadOnlyList<List<KeyValuePair<string, object>>> ReadDocuments(string path)
    {
        var documents = new List<List<KeyValuePair<string, object>>>();
        var current = new List<string>();
        foreach (var line in File.ReadAllLines(path).Append("---"))
        {
            if (line.Trim() == "---")
            {
                if (current.Count > 0)
                {
                    var index = 0;
                    documents.Add(ReadMapping(current, ref index, 0));
                }

                current = [];
            }
            else if (line.Trim().Length > 0)
            {
                current.Add(line);
            }
        }

        return documents;
    }

    public static object Get(List<KeyValuePair<string, object>> mapping, string key) => mapping.Single(p => p.Key == key).Value;

    private static List<KeyValuePair<string, object>> ReadMapping(List<string> lines, ref int i, int indent)
    {
        var mapping = new List<KeyValuePair<string, object>>();
        while (i < lines.Count && Indent(lines[i]) == indent)
        {
            var line = lines[i].Trim();
            var colon = line.IndexOf(':');
            var key = line[..colon].Trim();
            var value = line[(colon + 1)..].Trim();
            i++;
            if (value == "|")
            {
                mapping.Add(new(key, ReadBlock(lines, ref i, indent)));
            }
            else if (value.Length == 0)
            {
                mapping.Add(new(key, i < lines.Count ? ReadMapping(lines, ref i, Indent(lines[i])) : []));
            }
            else
            {
                mapping.Add(new(key, value.Length >= 2 && value[0] == '"' && value[^1] == '"' ? value[1..^1] : value));
            }
        }

        return mapping;
    }

    private static string ReadBlock(List<string> lines, ref int i, int indent)
    {
        var block = new List<string>();
        var blockIndent = i < lines.Count ? Indent(lines[i]) : 0;
        while (i < lines.Count && Indent(lines[i]) > indent)
        {
            block.Add(lines[i][blockIndent..]);
            i++;
        }

        return string.Join("\n", block) + "\n";
    }

    private static int Indent(string line) => line.Length - line.TrimStart(' ').Length;
}
