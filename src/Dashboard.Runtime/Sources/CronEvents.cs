using System.Globalization;
using System.Text.Json;
using CloudNative.CloudEvents;
using Dashboard.CloudEventBindings;
using Dashboard.Data.Entities;

namespace Dashboard.Runtime.Sources;

/// <summary>The CloudEvent a cron definition fires for one schedule slot, built as an SDK event and written by the SDK's JSON format.</summary>
public static class CronEvents
{
    /// <summary>The slot as the event's id suffix and data show it (UTC, seconds).</summary>
    public static string SlotText(DateTimeOffset slot) => slot.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>
    /// One event per slot: id <c>{key}@{slot}</c> (so a slot fires at most once), source <c>cron://{key}</c>, the
    /// definition's type filter (or key) as type, the slot as time, and the schedule in <c>data</c>.
    /// </summary>
    public static CloudEvent ForSlot(EventDefinition definition, CronSchedule schedule, DateTimeOffset slot, int slotsDue)
    {
        var slotText = SlotText(slot);
        return new CloudEvent(CloudEventsSpecVersion.V1_0)
        {
            Id = $"{definition.Key}@{slotText}",
            Source = new Uri($"cron://{definition.Key}", UriKind.RelativeOrAbsolute),
            Type = definition.TypeFilter ?? definition.Key,
            Time = slot.ToUniversalTime(),
            DataContentType = "application/json",
            Data = JsonSerializer.SerializeToElement(new CronData(slotText, definition.CronExpression, definition.TimeZone ?? "UTC", slotsDue, schedule.Next(slot))),
        };
    }

    /// <summary>The event in structured mode (<c>application/cloudevents+json</c>).</summary>
    public static ReadOnlyMemory<byte> Encode(CloudEvent cloudEvent) => StrictJsonEventFormatter.Default.EncodeStructuredModeMessage(cloudEvent, out _);

    private sealed record CronData(
        [property: System.Text.Json.Serialization.JsonPropertyName("scheduledAt")] string ScheduledAt,
        [property: System.Text.Json.Serialization.JsonPropertyName("schedule")] string? Schedule,
        [property: System.Text.Json.Serialization.JsonPropertyName("timeZone")] string TimeZone,
        [property: System.Text.Json.Serialization.JsonPropertyName("slotsDue")] int SlotsDue,
        [property: System.Text.Json.Serialization.JsonPropertyName("next")] DateTimeOffset Next);
}
