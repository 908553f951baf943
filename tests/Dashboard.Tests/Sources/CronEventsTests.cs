using System.Text.Json;
using CloudNative.CloudEvents.SystemTextJson;
using Dashboard.Data.Entities;
using Dashboard.Runtime.Sources;

namespace Dashboard.Tests.Sources;

public sealed class CronEventsTests
{
    [Fact]
    public void Encode_SlotEvent_DecodesWithTheSdkUnchanged()
    {
        var definition = new EventDefinition { Key = "nightly", SourceKind = EventSourceKind.Cron, CronExpression = "0 2 * * *", TypeFilter = "com.example.nightly" };
        var schedule = CronSchedule.TryCreate(definition.CronExpression, null)!;
        var slot = new DateTimeOffset(2026, 12, 4, 2, 0, 0, TimeSpan.Zero);

        var body = CronEvents.Encode(CronEvents.ForSlot(definition, schedule, slot, slotsDue: 1));
        var decoded = new JsonEventFormatter().DecodeStructuredModeMessage(body, null, null);

        Assert.Equal("nightly@2026-12-04T02:00:00Z", decoded.Id);
        Assert.Equal("cron://nightly", decoded.Source!.OriginalString);
        Assert.Equal("com.example.nightly", decoded.Type);
        Assert.Equal(slot, decoded.Time);
        var data = Assert.IsType<JsonElement>(decoded.Data);
        Assert.Equal("2026-12-04T02:00:00Z", data.GetProperty("scheduledAt").GetString());
        Assert.Equal("0 2 * * *", data.GetProperty("schedule").GetString());
        Assert.Equal(1, data.GetProperty("slotsDue").GetInt32());
    }

    [Fact]
    public void ForSlot_NoTypeFilter_TypeIsTheKey()
    {
        var definition = new EventDefinition { Key = "hourly", SourceKind = EventSourceKind.Cron, CronExpression = "0 * * * *" };
        var cloudEvent = CronEvents.ForSlot(definition, CronSchedule.TryCreate(definition.CronExpression, null)!, DateTimeOffset.UnixEpoch, 1);
        Assert.Equal("hourly", cloudEvent.Type);
    }
}
