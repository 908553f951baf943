using System.ComponentModel.DataAnnotations;

namespace Dashboard.Runtime.Retention;

/// <summary>
/// Section <c>Retention</c>. Nothing is pruned unless a limit is set. Events: a global default (<see cref="Events"/>)
/// and per event definition key (<see cref="Definitions"/>, which replaces the default for that definition). Rejected
/// ledger rows and activity have their own timers. Pruned events keep their (source, id) identity for
/// <see cref="DedupeWindowDays"/> (null: forever), so a retry of a pruned event is still a duplicate.
/// </summary>
public sealed class RetentionOptions : IValidatableObject
{
    public const string SectionName = "Retention";

    public EventRetention Events { get; set; } = new();

    public Dictionary<string, EventRetention> Definitions { get; set; } = new(StringComparer.Ordinal);

    [Range(1, 36_500)]
    public int? RejectedLedgerKeepDays { get; set; }

    [Range(1, 36_500)]
    public int? ActivityKeepDays { get; set; }

    [Range(1, 36_500)]
    public int? DedupeWindowDays { get; set; }

    /// <summary>Rows deleted per write; small, so each prune shares a group commit with ingestion instead of holding it up.</summary>
    [Range(1, 10_000)]
    public int BatchSize { get; set; } = 500;

    [Range(1, 86_400)]
    public int IntervalSeconds { get; set; } = 60;

    /// <summary>Pause between two batches of one round, so ingestion's requests get the writer in between.</summary>
    [Range(0, 60_000)]
    public int BatchPauseMilliseconds { get; set; } = 50;

    public bool IsConfigured => Events.IsSet || Definitions.Values.Any(d => d.IsSet) || RejectedLedgerKeepDays is not null
        || ActivityKeepDays is not null || DedupeWindowDays is not null;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var (key, policy) in Definitions.Prepend(new KeyValuePair<string, EventRetention>("Events", Events)))
        {
            var name = key == "Events" ? "Retention:Events" : $"Retention:Definitions:{key}";
            if (policy.KeepDays is < 1 or > 36_500)
            {
                yield return new ValidationResult($"{name}:KeepDays must be 1 to 36500.", [name]);
            }

            if (policy.KeepRows is < 1)
            {
                yield return new ValidationResult($"{name}:KeepRows must be at least 1.", [name]);
            }
        }
    }
}

/// <summary>Keep events for <see cref="KeepDays"/> days and/or the newest <see cref="KeepRows"/>; whichever removes more wins.</summary>
public sealed class EventRetention
{
    public int? KeepDays { get; set; }

    public long? KeepRows { get; set; }

    public bool IsSet => KeepDays is not null || KeepRows is not null;
}
