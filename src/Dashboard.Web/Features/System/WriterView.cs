using System.Globalization;
using Dashboard.Data.Events;

namespace Dashboard.Web.Features.SystemStatus;

/// <summary>The System page's line about the group-commit writer: what its commits carry and where its time goes.</summary>
public static class WriterView
{
    public static (string Value, string Detail) Describe(WriterSnapshot totals, TimeSpan uptime, int ingestionQueued, int backgroundQueued)
    {
        var value = totals.Commits == 0
            ? "No commits yet"
            : string.Create(CultureInfo.InvariantCulture, $"{totals.RequestsPerCommit:N1} requests per commit");
        var busy = uptime > TimeSpan.Zero ? (totals.Writing + totals.Committing) / uptime : 0;
        var detail = string.Create(CultureInfo.InvariantCulture,
            $"{totals.Commits:N0} commits ({totals.IngestionRequests:N0} ingestion, {totals.BackgroundRequests:N0} run requests); " +
            $"mean commit {totals.MeanCommit.TotalMilliseconds:N2} ms; busy {busy:P0} since start; " +
            $"queued now: {ingestionQueued:N0} ingestion, {backgroundQueued:N0} run requests.");
        return (value, detail);
    }
}
