namespace Dashboard.Data.Entities;

/// <summary>Who changed what. Written for every create, update, delete, sign-in and token action.</summary>
public sealed class AuditEntry
{
    public long Id { get; set; }
    public DateTimeOffset At { get; set; }
    public required string Actor { get; set; }
    public required string Action { get; set; }
    public string? Target { get; set; }
    public string? Details { get; set; }
}
