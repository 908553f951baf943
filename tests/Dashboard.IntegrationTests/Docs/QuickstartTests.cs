using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;
using Dashboard.Testing;

namespace Dashboard.IntegrationTests.Docs;

/// <summary>
/// Runs the bash blocks of docs/quickstart.md, in order and in one shell, against a fresh instance, and checks
/// that every status code a block prints is the one its "# expect:" comments promise.
/// </summary>
public sealed partial class QuickstartTests
{
    private const string AdminToken = "edt_quickstart-admin-token-0123456789";

    [GeneratedRegex(@"```bash\n(?<code>.*?)```", RegexOptions.Singleline)]
    private static partial Regex BashBlock();

    [GeneratedRegex(@"^# expect:.*?\b(?<status>[1-5]\d\d)\s*$", RegexOptions.Multiline)]
    private static partial Regex ExpectedStatus();

    [GeneratedRegex(@"^(?<status>[1-5]\d\d)$", RegexOptions.Multiline)]
    private static partial Regex PrintedStatus();

    [Fact]
    public async Task Quickstart_EveryBlock_PrintsTheExpectedStatusCodes()
    {
        var markdown = await File.ReadAllTextAsync(Path.Combine(RepositoryRoot.Path, "docs", "quickstart.md"));
        var blocks = BashBlock().Matches(markdown).Select(m => m.Groups["code"].Value).ToList();
        Assert.True(blocks.Count >= 7, $"expected the quickstart's bash blocks, found {blocks.Count}");

        await using var host = await DashboardHost.StartWithAdminAsync(AdminToken);
        var script = new StringBuilder("set -u\n");
        for (var i = 0; i < blocks.Count; i++)
        {
            script.Append(blocks[i]).Append($"\necho '=== block {i} done'\n");
        }

        var output = await RunBashAsync(script.ToString(), host.BaseAddress.ToString().TrimEnd('/'));
        var sections = output.Split("=== block ", StringSplitOptions.None);
        Assert.True(sections.Length == blocks.Count + 1, $"not every block finished:\n{output}");
        for (var i = 0; i < blocks.Count; i++)
        {
            var expected = ExpectedStatus().Matches(blocks[i]).Select(m => m.Groups["status"].Value).ToList();
            var printed = PrintedStatus().Matches(sections[i]).Select(m => m.Groups["status"].Value).ToList();
            Assert.True(expected.SequenceEqual(printed), $"block {i}: expected [{string.Join(", ", expected)}] but printed [{string.Join(", ", printed)}]\n{sections[i]}");
        }

        Assert.Contains("edt_", output, StringComparison.Ordinal);
        Assert.Contains("finished: Succeeded", output, StringComparison.Ordinal);
    }

    private static async Task<string> RunBashAsync(string script, string url)
    {
        var start = new ProcessStartInfo("bash")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["DASHBOARD_URL"] = url;
        start.Environment["ADMIN_TOKEN"] = AdminToken;
        using var process = Process.Start(start)!;
        await process.StandardInput.WriteAsync(script);
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        return await stdout + await stderr;
    }
}
