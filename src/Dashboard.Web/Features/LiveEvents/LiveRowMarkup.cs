using System.Text;
using System.Text.Encodings.Web;
using Dashboard.Runtime.Streaming;
using Dashboard.Web.Components.Controls;

namespace Dashboard.Web.Features.LiveEvents;

/// <summary>
/// The cells of a live row that depend on its item alone (received, outcome, type, source, subject, id), as one piece
/// of HTML with every value encoded. At a thousand events a second the live table inserts about a hundred rows per
/// render; as components and elements each row was some forty render frames that the browser's script applied one by
/// one, and the browser fell behind. One markup frame per row is parsed natively instead.
/// </summary>
public static class LiveRowMarkup
{
    public static string Cells(LiveItem row)
    {
        var html = new StringBuilder(512);
        Cell(html, null, row.At.ToLocalTime().ToString("HH:mm:ss.fff"));
        html.Append("<td>").Append(OutcomeBadgeMarkup.Html(row.Outcome)).Append("</td>");
        Cell(html, "mono", row.Type);
        Cell(html, "mono", row.Source);
        Cell(html, null, row.Subject);
        Cell(html, "mono", row.EventId);
        return html.ToString();
    }

    private static void Cell(StringBuilder html, string? cssClass, string? text)
    {
        html.Append(cssClass is null ? "<td>" : $"<td class=\"{cssClass}\">");
        if (text is not null)
        {
            html.Append(HtmlEncoder.Default.Encode(text));
        }

        html.Append("</td>");
    }
}
