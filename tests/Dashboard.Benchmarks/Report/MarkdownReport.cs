using System.Globalization;
using System.Text;
using Dashboard.Benchmarks.Measure;
using Dashboard.Benchmarks.Scenarios;

namespace Dashboard.Benchmarks.Report;

/// <summary>The results table and the machine description, as Markdown.</summary>
public static class MarkdownReport
{
    public static string Render(IReadOnlyList<ScenarioReport> reports, BenchContext context, double? fsyncPerSecond)
    {
        var md = new StringBuilder();
        var o = context.Options;
        md.AppendLine(CultureInfo.InvariantCulture, $"Runs per scenario: {o.Runs} (memory: 1), {o.Duration.TotalSeconds:N0} s each; {o.Connections} connections for closed-loop ingest; open-loop rate {o.FixedRate:N0}/s; batches of {o.BatchSize}.");
        md.AppendLine();
        md.AppendLine("| scenario | metric | median | min–max | ratio to baseline | target | met? | load avg (1 min) before runs | generator CPU | app CPU |");
        md.AppendLine("|---|---|---:|---:|---:|---|---|---|---:|---:|");
        foreach (var report in reports)
        {
            var name = report.Scenario.Name;
            if (report.Unavailable is { } reason)
            {
                md.AppendLine(CultureInfo.InvariantCulture, $"| {name} | | not available: {reason} | | | {string.Join("; ", report.Scenario.Metrics.Where(m => m.Target.Length > 0).Select(m => $"{m.Key} {m.Target}"))} | — | | | |");
                continue;
            }

            if (report.Failed is { } failure && report.Runs.Count == 0)
            {
                md.AppendLine(CultureInfo.InvariantCulture, $"| {name} | | failed: {Escape(failure)} | | | | no | | | |");
                continue;
            }

            var load = string.Join(", ", report.LoadAverages.Select(l => l.ToString("N1", CultureInfo.InvariantCulture)));
            var generator = Range(report.Runs.Select(r => r.GeneratorCpu), "%");
            var app = Range(report.Runs.Where(r => r.AppCpu is not null).Select(r => r.AppCpu!.Value), "%");
            var first = true;
            foreach (var metric in report.Scenario.Metrics)
            {
                if (report.Stats(metric.Key) is not { } stats)
                {
                    continue;
                }

                var unit = metric.Unit.Length == 0 ? "" : " " + metric.Unit;
                var ratio = metric.Baseline is { } b && context.Median(b) is { } baseline && baseline > 0 ? (stats.Median / baseline).ToString("P0", CultureInfo.InvariantCulture) + $" of {b.Split('/')[0].Replace("baseline: ", "", StringComparison.Ordinal)}" : "";
                var met = metric.Met is null ? "" : metric.Met(stats.Median) ? "yes" : "**no**";
                md.AppendLine(CultureInfo.InvariantCulture,
                    $"| {(first ? name : "")} | {metric.Key} | {Format(stats.Median, metric)}{unit} | {Format(stats.Min, metric)}–{Format(stats.Max, metric)} | {ratio} | {metric.Target} | {met} | {(first ? load : "")} | {(first ? generator : "")} | {(first ? app : "")} |");
                first = false;
            }
        }

        var notes = reports.SelectMany(r => r.Runs.Select(x => (r.Scenario.Name, x.Note)).Concat(r.Failed is null ? [] : [(r.Scenario.Name, (string?)("failed run: " + r.Failed))]))
            .Where(n => !string.IsNullOrEmpty(n.Item2)).Distinct().ToList();
        if (notes.Count > 0)
        {
            md.AppendLine();
            md.AppendLine("Notes from the runs:");
            foreach (var (scenario, note) in notes)
            {
                md.AppendLine(CultureInfo.InvariantCulture, $"- {scenario}: {Escape(note!)}");
            }
        }

        md.AppendLine();
        md.AppendLine("Machine:");
        md.AppendLine();
        md.AppendLine("| | |");
        md.AppendLine("|---|---|");
        foreach (var (key, value) in Machine.Describe(fsyncPerSecond))
        {
            md.AppendLine(CultureInfo.InvariantCulture, $"| {key} | {value} |");
        }

        return md.ToString();
    }

    private static string Format(double value, MetricSpec metric) => value.ToString(metric.Format, CultureInfo.InvariantCulture);

    private static string Range(IEnumerable<double> values, string unit)
    {
        var list = values.ToList();
        return list.Count == 0 ? "" : $"{list.Min():N0}–{list.Max():N0}{unit}";
    }

    private static string Escape(string text) => text.Replace("|", "\\|", StringComparison.Ordinal).ReplaceLineEndings(" ");
}
