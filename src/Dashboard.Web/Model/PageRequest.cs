namespace Dashboard.Web.Model;

/// <summary>
/// One page of a server-side list as the app asks for it: which page, how big, and which column sorts it.
/// Pages build it from whatever grid they show, so query services never see a UI library's types.
/// </summary>
public sealed record PageRequest(int Page, int PageSize, string? SortBy = null, bool Descending = false)
{
    public const int DefaultPageSize = 25;

    public static PageRequest First { get; } = new(0, DefaultPageSize);

    public int Skip => Math.Max(0, Page) * Math.Clamp(PageSize, 1, 500);

    public int Take => Math.Clamp(PageSize, 1, 500);
}

/// <summary>A page of rows and the total that matched.</summary>
public sealed record PageResult<T>(IReadOnlyList<T> Items, long Total);
