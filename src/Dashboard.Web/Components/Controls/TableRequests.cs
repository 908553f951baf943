using Dashboard.Web.Model;
using MudBlazor;

namespace Dashboard.Web.Components.Controls;

/// <summary>Turns a grid's paging and sorting state into the app's <see cref="PageRequest"/>, and a page back into grid data.</summary>
public static class TableRequests
{
    public static PageRequest ToPageRequest(this TableState state) =>
        new(state.Page, state.PageSize, string.IsNullOrEmpty(state.SortLabel) || state.SortDirection == SortDirection.None ? null : state.SortLabel,
            state.SortDirection == SortDirection.Descending);

    public static TableData<T> ToTableData<T>(this PageResult<T> page) =>
        new() { Items = page.Items, TotalItems = (int)Math.Min(int.MaxValue, page.Total) };
}
