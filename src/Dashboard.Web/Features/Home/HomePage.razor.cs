using System.Globalization;
using Microsoft.AspNetCore.Components;

namespace Dashboard.Web.Features.Home;

/// <summary>The overview for the range in the URL (<c>?range=15m|1h|6h|24h|7d</c>), read from <see cref="OverviewQueries"/>.</summary>
public sealed partial class HomePage : IDisposable
{
    private static readonly TimeSpan Refresh = TimeSpan.FromSeconds(10);
    private readonly CancellationTokenSource _stop = new();
    private OverviewReport? _report;

    [Inject] public required OverviewQueries Queries { get; init; }
    [Inject] public required ILogger<HomePage> Logger { get; init; }

    [SupplyParameterFromQuery(Name = "range")] public string? RangeKey { get; set; }

    private OverviewRange Range => OverviewRange.Parse(RangeKey) ?? OverviewRange.Default;

    private string RejectedHref => _report is null ? "activity" : string.Create(CultureInfo.InvariantCulture,
        $"activity?kind=rejected*&from={_report.Start.UtcDateTime:yyyy-MM-ddTHH:mm:ssZ}&to={_report.End.UtcDateTime:yyyy-MM-ddTHH:mm:ssZ}");

    protected override async Task OnParametersSetAsync() => _report = await Queries.GetAsync(Range, _stop.Token);

    protected override void OnAfterRender(bool firstRender)
    {
        if (firstRender)
        {
            _ = RefreshAsync(_stop.Token);
        }
    }

    /// <summary>Keeps the numbers current while the page is open.</summary>
    private async Task RefreshAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(Refresh);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                _report = await Queries.GetAsync(Range, cancellationToken);
                await InvokeAsync(StateHasChanged);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        catch (ObjectDisposedException)
        {
        }
        catch (Exception ex)
        {
            Logger.LogWarning(ex, "The overview stopped refreshing");
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        _stop.Dispose();
    }
}
