using System.Diagnostics;
using System.Globalization;

namespace Dashboard.Benchmarks.Live;

/// <summary>
/// <c>BENCH_BROWSER_NICE</c>: sets that nice value on every process this benchmark started (Chromium's browser,
/// zygote, renderer and utility processes), so the browser is served before the app's threads the way a viewer's
/// browser on a machine of its own would be. A diagnostic; without the variable nothing changes.
/// </summary>
public static class BrowserNice
{
    public static void Apply()
    {
        if (Environment.GetEnvironmentVariable("BENCH_BROWSER_NICE") is not { Length: > 0 } nice)
        {
            return;
        }

        var descendants = Descendants(Environment.ProcessId);
        if (descendants.Count == 0)
        {
            return;
        }

        using var renice = Process.Start(new ProcessStartInfo("renice", ["-n", nice, "-p", .. descendants.Select(p => p.ToString(CultureInfo.InvariantCulture))])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        });
        renice?.WaitForExit();
    }

    private static List<int> Descendants(int root)
    {
        var parents = new Dictionary<int, int>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(dir), out var pid) && TryParent(dir, out var parent))
            {
                parents[pid] = parent;
            }
        }

        var result = new List<int>();
        var frontier = new Queue<int>([root]);
        while (frontier.TryDequeue(out var next))
        {
            foreach (var (pid, parent) in parents)
            {
                if (parent == next)
                {
                    result.Add(pid);
                    frontier.Enqueue(pid);
                }
            }
        }

        return result;
    }

    // /proc/<pid>/stat: "pid (comm) state ppid ..."; comm may hold spaces or parentheses, so read after the last ')'.
    private static bool TryParent(string dir, out int parent)
    {
        parent = 0;
        try
        {
            var stat = File.ReadAllText(Path.Combine(dir, "stat"));
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return int.TryParse(fields[1], out parent);
        }
        catch (IOException)
        {
            return false;
        }
    }
}
