using Dashboard.Data.Events;
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
}
