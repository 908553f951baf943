namespace Dashboard.Runtime.Definitions;

/// <summary>A line diff (longest common subsequence) for comparing two workflow versions.</summary>
public static class LineDiff
{
    public enum Kind
    {
        Same,
        Added,
        Removed,
    }

    public sealed record Line(Kind Kind, string Text);

    public static IReadOnlyList<Line> Compare(string before, string after)
    {
        var a = before.Split('\n');
        var b = after.Split('\n');
        var lengths = new int[a.Length + 1, b.Length + 1];
        for (var i = a.Length - 1; i >= 0; i--)
        {
            for (var j = b.Length - 1; j >= 0; j--)
            {
                lengths[i, j] = a[i] == b[j] ? lengths[i + 1, j + 1] + 1 : Math.Max(lengths[i + 1, j], lengths[i, j + 1]);
            }
        }

        var result = new List<Line>();
        int x = 0, y = 0;
        while (x < a.Length && y < b.Length)
        {
            if (a[x] == b[y])
            {
                result.Add(new(Kind.Same, a[x++]));
                y++;
            }
            else if (lengths[x + 1, y] >= lengths[x, y + 1])
            {
                result.Add(new(Kind.Removed, a[x++]));
            }
            else
            {
                result.Add(new(Kind.Added, b[y++]));
            }
        }

        result.AddRange(a[x..].Select(line => new Line(Kind.Removed, line)));
        result.AddRange(b[y..].Select(line => new Line(Kind.Added, line)));
        return result;
    }
}
