using Dashboard.Runtime.Streaming;
using Dashboard.Web.Features.LiveEvents;

namespace Dashboard.Tests.Streaming;

public sealed class LiveRowMarkupTests
{
    private static LiveItem Item(string type = "com.example.order", string? subject = "order/1") => new()
    {
        Kind = LiveItemKind.Ingestion,
        At = new DateTimeOffset(2030, 1, 2, 3, 4, 5, 678, TimeSpan.Zero),
        Outcome = "RejectedAuth",
        Type = type,
        Source = "/shop",
        Subject = subject,
        EventId = "e-1",
    };

    [Fact]
    public void Cells_AnItem_AreSixCellsInTheTablesOrderWithTheBadge()
    {
        var html = LiveRowMarkup.Cells(Item());

        Assert.Equal(6, html.Split("<td", StringSplitOptions.None).Length - 1);
        Assert.StartsWith($"<td>{Item().At.ToLocalTime():HH:mm:ss.fff}</td>", html, StringComparison.Ordinal);
        Assert.Contains("data-outcome=\"RejectedAuth\"", html, StringComparison.Ordinal);
        Assert.Contains("Rejected: bad credentials", html, StringComparison.Ordinal);
        Assert.EndsWith("<td class=\"mono\">com.example.order</td><td class=\"mono\">/shop</td><td>order/1</td><td class=\"mono\">e-1</td>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Cells_ValuesWithMarkup_AreEncodedAsText()
    {
        var html = LiveRowMarkup.Cells(Item(type: "<script>alert(1)</script>", subject: "a\" onmouseover=\"x"));

        Assert.DoesNotContain("<script>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("\" onmouseover", html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Cells_NoSubject_LeavesItsCellEmpty()
    {
        Assert.Contains("<td class=\"mono\">/shop</td><td></td>", LiveRowMarkup.Cells(Item(subject: null)), StringComparison.Ordinal);
    }
}
