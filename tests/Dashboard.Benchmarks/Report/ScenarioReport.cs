using Dashboard.Benchmarks.Scenarios;

namespace Dashboard.Benchmarks.Report;

/// <summary>The outcome of one scenario: its runs, or why it did not run.</summary>
public sealed class ScenarioReport(IScenario scenario)
{
    public IScenario Scenario { get; } = scenario;
    public string? Unavailable { get; set; }
    public string? Failed { get; set; }
    public List<ScenarioRun> Runs { get; } = [];
    public List<double> LoadAverages { get; } = [];

    public (double Median, double Min, double Max)? Stats(string metric)
    {
        var values = Runs.Where(r => r.Values.ContainsKey(metric)).Select(r => r.Values[metric]).Where(v => !double.IsNaN(v)).Order().ToArray();
        return values.Length == 0 ? null : (Median(values), values[0], values[^1]);
    }

    public static double Median(double[] sorted) =>
        sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
}
