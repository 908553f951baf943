using Dashboard.Data;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Web.Features.Home;

public sealed partial class HomePage : IDisposable
{
    private static readonly TimeSpan Refresh = TimeSpan.FromSeconds(5);
    private readonly CancellationTokenSource _stop = new();
    private Counts? _counts;

    [Inject] public required IDbContextFactory<DashboardDbContext> DbFactory { get; init; }
    [Inject] public required ILogger<HomePage> Logger { get; init; }

    private sealed record Counts(int EventDefinitions, int Workflows, long Events, long Rejected);

    protected override async Task OnInitializedAsync() => _counts = await LoadAsync(_stop.Token);

    protected override void OnAfterRender(bool firstRender)
    {
        if (firstRender)
        {
            _ = RefreshAsync(_stop.Token);
        }
    }

    /// <summary>Keeps the counts current while the page is open.</summary>
    private async Task RefreshAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(Refresh);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                _counts = await LoadAsync(cancellationToken);
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
            Logger.LogWarning(ex, "The overview counts stopped refreshing");
        }
    }

    private async Task<Counts> LoadAsync(CancellationToken cancellationToken)
    {
        await using var db = await DbFactory.CreateDbContextAsync(cancellationToken);
        var events = await db.Database.SqlQueryRaw<long>("SELECT COUNT(*) AS Value FROM events").SingleAsync(cancellationToken);
        var rejected = await db.Database.SqlQueryRaw<long>(OverviewQueries.RejectedCountSql).SingleAsync(cancellationToken);
        return new(await db.EventDefinitions.CountAsync(cancellationToken), await db.WorkflowDefinitions.CountAsync(cancellationToken), events, rejected);
    }

    public void Dispose()
    {
        _stop.Cancel();
        _stop.Dispose();
    }
}
