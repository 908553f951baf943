using Dashboard.Data.Events;
using Dashboard.Runtime.Ingestion;
using Microsoft.AspNetCore.Components;

namespace Dashboard.Web.Features.Events;

/// <summary>One ingestion ledger row (a rejection, duplicate or acceptance) with the routing trace recorded for it.</summary>
public sealed partial class LedgerRowPage
{
    private LedgerView? _row;
    private IReadOnlyList<TraceStep> _trace = [];
    private bool _loaded;

    [Parameter] public long LedgerId { get; set; }

    [Inject] public required EventDetailQueries Queries { get; init; }

    protected override async Task OnParametersSetAsync()
    {
        _row = await Queries.LedgerRowAsync(LedgerId, CancellationToken.None);
        _trace = IngestionTrace.Parse(_row?.TraceJson);
        _loaded = true;
    }

    /// <summary>
    /// An empty attribute says why it is empty rather than leaving a blank: a request refused for its credentials is
    /// never decoded (only a binary-mode request names its event in headers), and a refused token matched no stored one.
    /// </summary>
    private static RenderFragment Or(string? value, string whyEmpty) => builder =>
    {
        if (!string.IsNullOrEmpty(value))
        {
            builder.AddContent(0, value);
            return;
        }

        builder.OpenElement(1, "span");
        builder.AddAttribute(2, "class", "mud-text-secondary not-recorded");
        builder.AddContent(3, whyEmpty);
        builder.CloseElement();
    };

    private static string NotRead(LedgerView row) => row.Outcome == Outcomes.RejectedAuth
        ? "not read: credentials are checked before the body is decoded"
        : "not recorded";

    private static string TokenMissing(LedgerView row) => row.Outcome == Outcomes.RejectedAuth ? "no stored token matched" : "none";
}
