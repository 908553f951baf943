using Dashboard.Web.Components.Controls;
using MudBlazor;

namespace Dashboard.ComponentTests.Controls;

public sealed class TableRequestsTests
{
    [Fact]
    public void ToPageRequest_ThirdPageSortedDescending_SkipsTwoPagesAndKeepsTheSort()
    {
        var request = new TableState { Page = 2, PageSize = 25, SortLabel = "name", SortDirection = SortDirection.Descending }.ToPageRequest();
        Assert.Equal(50, request.Skip);
        Assert.Equal(25, request.Take);
        Assert.Equal("name", request.SortBy);
        Assert.True(request.Descending);
    }

    [Fact]
    public void ToPageRequest_NoSortDirection_HasNoSort() =>
        Assert.Null(new TableState { Page = 0, PageSize = 10, SortLabel = "name", SortDirection = SortDirection.None }.ToPageRequest().SortBy);
}
