namespace Dashboard.Web.Features.Home;

/// <summary>Axis labels for the overview's time series: a time every tenth sample, empty between, so the axis stays readable.</summary>
public static class OverviewSeries
{
    public static string[] Labels(IReadOnlyList<OverviewPoint> points) =>
        points.Select((p, i) => i % 10 == 0 || i == points.Count - 1 ? p.Label : "").ToArray();
}
