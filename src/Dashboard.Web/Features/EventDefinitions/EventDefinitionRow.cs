using Dashboard.Data;
using Dashboard.Data.Entities;

namespace Dashboard.Web.Features.EventDefinitions;

/// <summary>One line of the event definitions list; a projection the grid filters and sorts in SQL.</summary>
public sealed class EventDefinitionRow
{
    public long Id { get; init; }
    public string Key { get; init; } = "";
    public string Description { get; init; } = "";
    public EventSourceKind SourceKind { get; init; }
    public string? HttpRoute { get; init; }
    public string HttpMethod { get; init; } = "POST";
    public string? NatsSubject { get; init; }
    public string? RabbitQueue { get; init; }
    public string? CronExpression { get; init; }
    public string? TimeZone { get; init; }
    public string? TypeFilter { get; init; }
    public EventAuthMode AuthMode { get; init; }
    public bool Enabled { get; init; }
    public int BoundWorkflows { get; init; }
    public DateTimeOffset UpdatedAt { get; init; }

    /// <summary>The route, subject or schedule, whichever the source kind uses.</summary>
    public string Address => SourceKind switch
    {
        EventSourceKind.Http => $"{HttpMethod} /hooks/{HttpRoute}",
        EventSourceKind.WebSocket => $"/ws/{HttpRoute}",
        EventSourceKind.Nats => NatsSubject ?? "",
        EventSourceKind.RabbitMq => $"queue {RabbitQueue}",
        EventSourceKind.Cron => $"{CronExpression} ({TimeZone ?? "UTC"})",
        _ => "manual",
    };

    public static IQueryable<EventDefinitionRow> Query(DashboardDbContext db) =>
        db.EventDefinitions.Select(e => new EventDefinitionRow
        {
            Id = e.Id,
            Key = e.Key,
            Description = e.Description,
            SourceKind = e.SourceKind,
            HttpRoute = e.HttpRoute,
            HttpMethod = e.HttpMethod,
            NatsSubject = e.NatsSubject,
            RabbitQueue = e.RabbitQueue,
            CronExpression = e.CronExpression,
            TimeZone = e.TimeZone,
            TypeFilter = e.TypeFilter,
            AuthMode = e.AuthMode,
            Enabled = e.Enabled,
            BoundWorkflows = e.Bindings.Count,
            UpdatedAt = e.UpdatedAt,
        });
}
