using Dashboard.Data.Events;
using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;

namespace Dashboard.Web.Features.Events;

public sealed partial class EventDetailPage
{
    private EventDetailData? _data;
    private EventWireForms? _wire;
    private IReadOnlyList<TraceStep> _trace = [];
    private bool _loaded;
    private bool _copied;

    [Parameter] public long Seq { get; set; }

    [Inject] public required EventDetailQueries Queries { get; init; }
    [Inject] public required NavigationManager Navigation { get; init; }
    [Inject] public required IJSRuntime JS { get; init; }

    protected override async Task OnParametersSetAsync()
    {
        _copied = false;
        _data = await Queries.GetAsync(Seq, CancellationToken.None);
        if (_data is not null)
        {
            var route = _data.Ledger.FirstOrDefault(l => l.EventSeq == Seq)?.Route;
            _wire = EventWireForms.Build(_data.Event, Navigation.BaseUri, route);
            _trace = RoutingTrace.Build(_data);
        }

        _loaded = true;
    }

    private async Task CopyCurlAsync()
    {
        if (_wire is not null)
        {
            await JS.InvokeVoidAsync("navigator.clipboard.writeText", _wire.Curl);
            _copied = true;
        }
    }
}
