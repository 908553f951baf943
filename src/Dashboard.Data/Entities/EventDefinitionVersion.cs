namespace Dashboard.Data.Entities;

/// <summary>
/// An immutable snapshot of an event definition as saved (JSON; never the HMAC secret). Each save that changes the
/// definition adds one, as workflow versions do for steps.
/// </summary>
public sealed class EventDefinitionVersion
{
    public long Id { get; set; }
    public long EventDefinitionId { get; set; }
    public int Version { get; set; }
    public required string SnapshotJson { get; set; }
    public string? CreatedBy { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}
