using Dashboard.Web.Features.Runs;

namespace Dashboard.Tests.Runs;

public sealed class RunsFilterStateTests
{
    [Fact]
    public void ToFilter_Defaults_AllStatesFirstPage()
    {
        var filter = new RunsFilterState().ToFilter(0, 25);

        Assert.Null(filter.State);
        Assert.Null(filter.From);
        Assert.Equal(1, filter.Page);
        Assert.Equal(25, filter.PageSize);
    }

    [Fact]
    public void ToFilter_SkipAndTop_MapToPage()
    {
        var filter = new RunsFilterState().ToFilter(50, 25);

        Assert.Equal(3, filter.Page);
    }

    [Fact]
    public void ToFilter_StateAndRange_AsUtc()
    {
        var state = new RunsFilterState { State = "Failed", From = new DateTime(2025, 3, 1, 10, 0, 0), To = new DateTime(2025, 3, 2) };

        var filter = state.ToFilter(0, 10);

        Assert.Equal("Failed", filter.State);
        Assert.Equal(new DateTimeOffset(2025, 3, 1, 10, 0, 0, TimeSpan.Zero), filter.From);
        Assert.Equal(new DateTimeOffset(2025, 3, 2, 0, 0, 0, TimeSpan.Zero), filter.To);
        Assert.True(state.IsFiltered);
    }

    [Fact]
    public void Clear_ResetsEverything()
    {
        var state = new RunsFilterState { State = "Queued", From = DateTime.UtcNow };

        state.Clear();

        Assert.False(state.IsFiltered);
    }

    [Fact]
    public void ToFilter_HugePage_ClampedToQueryMaximum() => Assert.Equal(200, new RunsFilterState().ToFilter(0, 10_000).PageSize);
}
