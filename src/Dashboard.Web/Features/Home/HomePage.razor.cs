using Dashboard.Data;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Web.Features.Home;

public sealed partial class HomePage
{
    private Counts? _counts;

    [Inject] public required IDbContextFactory<DashboardDbContext> DbFactory { get; init; }

    private sealed record Counts(int EventDefinitions, int Workflows, long Events, long Rejected);

    protected override async Task OnInitializedAsync()
    {
        await using var db = await DbFactory.CreateDbContextAsync();
        var events = await db.Database.SqlQueryRaw<long>("SELECT COUNT(*) AS Value FROM events").SingleAsync();
        var rejected = await db.Database.SqlQueryRaw<long>("SELECT COUNT(*) AS Value FROM ingestion_ledger WHERE Outcome LIKE 'Rejected%'").SingleAsync();
        _counts = new(await db.EventDefinitions.CountAsync(), await db.WorkflowDefinitions.CountAsync(), events, rejected);
    }
}
