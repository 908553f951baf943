using Dashboard.Data.Events;
using Dashboard.IntegrationTests.Workflows;
using Dashboard.Testing;
using static Dashboard.IntegrationTests.Eventing.EventingTestKit;

namespace Dashboard.IntegrationTests.Sync;

/// <summary>A sync event's ledger row records the status its caller got, not the 202 it was stored with.</summary>
public sealed class SyncLedgerTests : IAsyncLifetime
{
    private DashboardHost _host = null!;
    private SyncApi _api = null!;

    public async Task InitializeAsync()
    {
        _host = await StartHostAsync(new Dictionary<string, string>());
        _api = new SyncApi(new RunsApi(_host.CreateBearerClient(Token)));
    }

    public async Task DisposeAsync()
    {
        _api.Runs.Client.Dispose();
        await _host.DisposeAsync();
    }

    [Fact]
    public async Task PostSyncEvent_RespondStatus_LedgerRowRecordsThatStatus()
    {
        await _api.CreateAsync("made", """[{"name":"answer","type":"respond","settings":{"status":201,"body":{"ok":true}}}]""");

        var (status, _, text) = await _api.SendAsync("made", "m-1", "{}");

        Assert.True(status == 201, text);
        await UntilLedgerStatusAsync("m-1", 201);
    }

    [Fact]
    public async Task PostSyncEvent_FailingRunThenDuplicate_BothLedgerRowsRecord502()
    {
        await _api.CreateAsync("fails", """[{"name":"shape","type":"transform","settings":{"template":{"id":"{{ event.data.order.id }}"}}}]""");

        var first = await _api.SendAsync("fails", "f-1", "{}");
        var repeat = await _api.SendAsync("fails", "f-1", "{}");

        Assert.True(first.Status == 502, first.Text);
        Assert.True(repeat.Status == 502, repeat.Text);
        await UntilAsync(() => Count(_host, $"SELECT COUNT(*) FROM ({LedgerLogSql.All}) WHERE EventId = 'f-1' AND Status = 502") == 2,
            "both ledger rows of f-1 at 502");
    }

    [Fact]
    public async Task PostSyncEvent_Timeout_LedgerRowRecords504()
    {
        await _api.CreateAsync("late", """
            [
              {"name":"wait","type":"delay","settings":{"seconds":3}},
              {"name":"answer","type":"respond","settings":{"body":{}}}
            ]
            """, timeoutSeconds: 1);

        var (status, _, text) = await _api.SendAsync("late", "t-1", "{}");

        Assert.True(status == 504, text);
        await UntilLedgerStatusAsync("t-1", 504);
    }

    private Task UntilLedgerStatusAsync(string eventId, int status) =>
        UntilAsync(() => Count(_host, $"SELECT Status FROM ({LedgerLogSql.All}) WHERE EventId = '{eventId}'") == status,
            $"the ledger row of {eventId} at {status}");
}
