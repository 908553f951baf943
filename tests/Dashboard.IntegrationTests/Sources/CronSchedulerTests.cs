using Dashboard.Data.Entities;
using Dashboard.Data.Events;
using Dashboard.Runtime.Common;
using Dashboard.Runtime.Definitions;
using Dashboard.Runtime.Sources;
using Dashboard.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.IntegrationTests.Sources;

/// <summary>Cron sources fire through the ingestion pipeline on an injected clock; missed fires follow the policy.</summary>
public sealed class CronSchedulerTests
{
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 0, 30, TimeSpan.Zero);

    [Fact]
    public async Task FireDue_SlotReached_StoresOneEventPerSlotAndRunsWorkflow()
    {
        var clock = new ManualClock(Start);
        await using var host = await StartAsync(clock);
        await SaveCronAsync(host, "every-five", "*/5 * * * *", CronMissedFirePolicy.FireOnce);
        var scheduler = host.Services.GetRequiredService<CronScheduler>();

        clock.Set(Start.AddMinutes(4));
        await scheduler.FireDueAsync(default);
        Assert.Equal(0, Count(host, "SELECT COUNT(*) FROM events WHERE Source = 'cron://every-five'"));

        clock.Set(new DateTimeOffset(2026, 1, 1, 0, 5, 10, TimeSpan.Zero));
        await scheduler.FireDueAsync(default);
        await scheduler.FireDueAsync(default);

        Assert.Equal(1, Count(host, "SELECT COUNT(*) FROM events WHERE Id = 'every-five@2026-01-01T00:05:00Z'"));
        Assert.Equal(1, Count(host, "SELECT COUNT(*) FROM events WHERE Source = 'cron://every-five'"));
        Assert.Equal(1, Count(host, "SELECT COUNT(*) FROM runs r JOIN events e ON e.Seq = r.EventSeq WHERE e.Source = 'cron://every-five'"));
    }

    [Fact]
    public async Task FireDue_AfterDowntimeWithFireOnce_FiresOnceAndRecordsMissed()
    {
        var clock = new ManualClock(Start);
        await using var host = await StartAsync(clock);
        await SaveCronAsync(host, "catch-up", "*/5 * * * *", CronMissedFirePolicy.FireOnce);

        clock.Set(new DateTimeOffset(2026, 1, 1, 1, 2, 0, TimeSpan.Zero));
        await host.Services.GetRequiredService<CronScheduler>().FireDueAsync(default);

        Assert.Equal(1, Count(host, "SELECT COUNT(*) FROM events WHERE Source = 'cron://catch-up'"));
        Assert.Equal(1, Count(host, "SELECT COUNT(*) FROM events WHERE Id = 'catch-up@2026-01-01T01:00:00Z'"));
        Assert.True(Count(host, "SELECT COUNT(*) FROM activity WHERE Kind = 'cron-missed' AND Message LIKE '%12 fire time(s) were missed%'") >= 1);
    }

    [Fact]
    public async Task FireDue_AfterDowntimeWithSkip_FiresNothingAndRecordsSkip()
    {
        var clock = new ManualClock(Start);
        await using var host = await StartAsync(clock);
        await SaveCronAsync(host, "skipper", "*/5 * * * *", CronMissedFirePolicy.Skip);

        clock.Set(new DateTimeOffset(2026, 1, 1, 1, 2, 0, TimeSpan.Zero));
        var scheduler = host.Services.GetRequiredService<CronScheduler>();
        await scheduler.FireDueAsync(default);

        Assert.Equal(0, Count(host, "SELECT COUNT(*) FROM events WHERE Source = 'cron://skipper'"));
        Assert.True(Count(host, "SELECT COUNT(*) FROM activity WHERE Kind = 'cron-missed' AND Message LIKE '%skipped 12 missed%'") >= 1);

        clock.Set(new DateTimeOffset(2026, 1, 1, 1, 5, 5, TimeSpan.Zero));
        await scheduler.FireDueAsync(default);
        Assert.Equal(1, Count(host, "SELECT COUNT(*) FROM events WHERE Id = 'skipper@2026-01-01T01:05:00Z'"));
    }

    [Fact]
    public void Preview_TimeZoneWithDaylightSaving_ReturnsUtcInstants()
    {
        var schedule = CronSchedule.TryCreate("0 9 * * *", "Europe/Berlin")!;
        var times = schedule.Preview(new DateTimeOffset(2026, 3, 27, 12, 0, 0, TimeSpan.Zero), 3);

        Assert.Equal(new DateTimeOffset(2026, 3, 28, 8, 0, 0, TimeSpan.Zero), times[0]);
        Assert.Equal(new DateTimeOffset(2026, 3, 29, 7, 0, 0, TimeSpan.Zero), times[1]);
        Assert.Equal(new DateTimeOffset(2026, 3, 30, 7, 0, 0, TimeSpan.Zero), times[2]);
    }

    [Fact]
    public async Task FireDue_StoreRefusesForNow_SlotStaysDueAndFiresOnceWhenStoreTakesItAgain()
    {
        var clock = new ManualClock(Start);
        await using var host = await StartAsync(clock, new Dictionary<string, string>
        {
            ["Ingestion:Store:QueueCapacity"] = "1", ["Storage:BusyTimeoutMilliseconds"] = "60000",
        });
        await SaveCronAsync(host, "refused", "*/5 * * * *", CronMissedFirePolicy.FireOnce);
        var scheduler = host.Services.GetRequiredService<CronScheduler>();
        var writer = host.Services.GetRequiredService<EventStoreWriter>();

        // Another connection holds SQLite's write lock: the writer's commit of a first request waits on it, a second fills
        // the one-request queue, so the cron fire is answered 429.
        using var holder = new SqliteConnection($"Data Source={host.DatabasePath};Pooling=False");
        holder.Open();
        using (var begin = holder.CreateCommand())
        {
            begin.CommandText = "BEGIN IMMEDIATE;";
            begin.ExecuteNonQuery();
        }

        var blocked = Filler("filler-1");
        Assert.True(writer.TryEnqueue(blocked));
        await WaitUntilAsync(() => writer.IngestionQueueLength == 0);
        var queued = Filler("filler-2");
        Assert.True(writer.TryEnqueue(queued));
        Assert.True(writer.IsFull);

        clock.Set(new DateTimeOffset(2026, 1, 1, 0, 5, 10, TimeSpan.Zero));
        var refusedRound = scheduler.FireDueAsync(default);
        await Task.WhenAny(refusedRound, Task.Delay(TimeSpan.FromSeconds(3)));
        using (var rollback = holder.CreateCommand())
        {
            rollback.CommandText = "ROLLBACK;";
            rollback.ExecuteNonQuery();
        }

        await refusedRound.WaitAsync(TimeSpan.FromSeconds(60));
        await Task.WhenAll(blocked.Completion, queued.Completion).WaitAsync(TimeSpan.FromSeconds(60));
        Assert.Equal(0, Count(host, "SELECT COUNT(*) FROM events WHERE Source = 'cron://refused'"));

        await scheduler.FireDueAsync(default);
        await scheduler.FireDueAsync(default);
        Assert.Equal(1, Count(host, "SELECT COUNT(*) FROM events WHERE Id = 'refused@2026-01-01T00:05:00Z'"));
        Assert.Equal(1, Count(host, "SELECT COUNT(*) FROM events WHERE Source = 'cron://refused'"));
    }

    private static WriteRequest Filler(string id) => new(
        [new NewEvent(id, "/tests/filler", "com.example.filler", null, null, "application/json", null, null, "{}"u8.ToArray(), true, null, "structured", null, null, null, [])],
        new LedgerRow(DateTimeOffset.UtcNow, "127.0.0.1", "/events", "structured", "Accepted", 202, null, null, null, null, null, null),
        [], null);

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "condition not reached within 30 s");
            await Task.Delay(20);
        }
    }

    [Theory]
    [InlineData("not a cron", "UTC")]
    [InlineData("*/5 * * * *", "Mars/Olympus")]
    public void TryCreate_InvalidInput_ReturnsNull(string expression, string zone) =>
        Assert.Null(CronSchedule.TryCreate(expression, zone));

    private static Task<DashboardHost> StartAsync(ManualClock clock, Dictionary<string, string>? settings = null)
    {
        var all = new Dictionary<string, string>(settings ?? []) { ["Setup:AdminUser"] = DashboardHost.AdminUser, ["Setup:AdminPassword"] = DashboardHost.AdminPassword };
        return DashboardHost.StartAsync(all, services => services.AddSingleton<TimeProvider>(clock));
    }

    private static async Task SaveCronAsync(DashboardHost host, string key, string expression, CronMissedFirePolicy policy)
    {
        var actor = new Actor("tester");
        var workflow = await host.Services.GetRequiredService<WorkflowDefinitionService>().SaveAsync(
            new WorkflowDefinitionModel { Name = $"{key}-flow", Steps = [WorkflowDefinitionModel.NewStep("note", "log")] }, actor, default);
        Assert.True(workflow.Succeeded);
        var saved = await host.Services.GetRequiredService<EventDefinitionService>().SaveAsync(new EventDefinitionModel
        {
            Key = key,
            SourceKind = EventSourceKind.Cron,
            CronExpression = expression,
            TimeZone = "UTC",
            CronMissedFirePolicy = policy,
            AuthMode = EventAuthMode.Token,
            WorkflowNames = [$"{key}-flow"],
        }, actor, default);
        Assert.True(saved.Succeeded, string.Join("; ", saved.Errors));
    }

    private static long Count(DashboardHost host, string sql)
    {
        using var connection = new SqliteConnection($"Data Source={host.DatabasePath};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (long)command.ExecuteScalar()!;
    }
}
