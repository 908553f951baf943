using Dashboard.Runtime.Workflows.Services;
using Dashboard.Runtime.Workflows.Store;

namespace Dashboard.Web.Features.Runs;

/// <summary>The runs grid's filters (state, UTC time range) and how a grid page maps onto a server-side query.</summary>
public sealed class RunsFilterState
{
    public const string AllStates = "All states";

    public static IReadOnlyList<string> StateOptions { get; } = [AllStates, .. RunStates.All];

    public string State { get; set; } = AllStates;

    /// <summary>Range start in UTC (inclusive), from the date picker.</summary>
    public DateTime? From { get; set; }

    /// <summary>Range end in UTC (exclusive), from the date picker.</summary>
    public DateTime? To { get; set; }

    public bool IsFiltered => State != AllStates || From is not null || To is not null;

    /// <summary>The query for the grid page that starts at <paramref name="skip"/> and holds <paramref name="top"/> rows.</summary>
    public RunFilter ToFilter(int skip, int top)
    {
        var size = Math.Clamp(top <= 0 ? 25 : top, 1, RunQueries.MaxPageSize);
        return new RunFilter(
            State == AllStates ? null : State,
            Utc(From),
            Utc(To),
            Page: Math.Max(0, skip) / size + 1,
            PageSize: size);
    }

    public void Clear()
    {
        State = AllStates;
        From = null;
        To = null;
    }

    private static DateTimeOffset? Utc(DateTime? value) =>
        value is { } v ? new DateTimeOffset(DateTime.SpecifyKind(v, DateTimeKind.Utc)) : null;
}
