using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace Dashboard.Web.Features.Home;

public sealed partial class OverviewTrends
{
    /// <summary>Fixed meaning colours: the same outcome keeps its colour whatever the data (WCAG AA against white text).</summary>
    public const string SucceededColour = "#2E7D32";
    public const string FailedColour = "#C62828";
    public const string RetryingColour = "#B26A00";
    public const string RejectedColour = "#6A1B9A";

    private List<ChartSeries<double>> _series = [];
    private string[] _labels = [];
    private readonly StackedBarChartOptions _options = new()
    {
        ChartPalette = [SucceededColour, FailedColour, RetryingColour, RejectedColour],
        XAxisTitle = "time (UTC)",
        YAxisTitle = "count",
        ShowLegend = true,
    };

    [Parameter, EditorRequired] public required OverviewReport Report { get; set; }

    public sealed record Outcome(string Key, string Label, long Count, string Colour);

    private IEnumerable<Outcome> Outcomes =>
    [
        new("succeeded", "Succeeded", Report.Runs.Succeeded, SucceededColour),
        new("failed", "Failed", Report.Runs.Failed, FailedColour),
        new("retrying", "Retrying", Report.Runs.Retrying, RetryingColour),
        new("rejected", "Rejected", Report.Rejected, RejectedColour),
    ];

    protected override void OnParametersSet()
    {
        var series = Report.Series;
        // One label every few bars keeps the axis readable at 24 to 30 bars.
        var every = Math.Max(1, series.Count / 8);
        _labels = [.. series.Select((b, i) => i % every == 0 ? b.Label : "")];
        _series =
        [
            new() { Name = "Succeeded", Data = new ChartData<double>([.. series.Select(b => (double)b.Runs.Succeeded)]) },
            new() { Name = "Failed", Data = new ChartData<double>([.. series.Select(b => (double)b.Runs.Failed)]) },
            new() { Name = "Retrying", Data = new ChartData<double>([.. series.Select(b => (double)b.Runs.Retrying)]) },
            new() { Name = "Rejected", Data = new ChartData<double>([.. series.Select(b => (double)b.Rejected)]) },
        ];
    }
}
