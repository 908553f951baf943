using System.Text.Encodings.Web;
using Dashboard.Web.Model;

namespace Dashboard.Web.Components.Controls;

/// <summary>
/// The HTML of an outcome badge: the UI library's chip classes, the friendly name, the raw outcome kept in
/// <c>data-outcome</c> and <c>title</c>. <see cref="OutcomeBadge"/> renders it, and the live table writes it into the
/// prebuilt markup of its rows.
/// </summary>
public static class OutcomeBadgeMarkup
{
    public static string Html(string outcome)
    {
        var raw = HtmlEncoder.Default.Encode(outcome);
        var name = HtmlEncoder.Default.Encode(StateNames.Display(outcome));
        return $"""<div class="mud-chip-container"><div class="mud-chip mud-chip-filled mud-chip-size-small mud-chip-color-{ColorClass(outcome)} outcome-badge" data-outcome="{raw}" title="{raw}"><span class="mud-chip-content">{name}</span></div></div>""";
    }

    private static string ColorClass(string outcome) => StateNames.Tone(outcome) switch
    {
        StateTone.Good => "success",
        StateTone.Bad => "error",
        StateTone.Warn => "warning",
        StateTone.Active => "info",
        _ => "default",
    };
}
