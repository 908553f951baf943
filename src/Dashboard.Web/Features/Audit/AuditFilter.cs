using System.Globalization;

namespace Dashboard.Web.Features.Audit;

/// <summary>
/// Which audit entries to show or export: an actor (exact), an action (exact, or a prefix ending in <c>*</c> such as
/// <c>workflow.*</c>), and a time range [from, to).
/// </summary>
public sealed record AuditFilter(string? Actor = null, string? Action = null, DateTimeOffset? From = null, DateTimeOffset? To = null)
{
    /// <summary>The actions the app writes, for the filter list.</summary>
    public static IReadOnlyList<string> KnownActions { get; } =
    [
        "workflow.create", "workflow.update", "workflow.delete", "event-definition.create", "event-definition.update", "event-definition.delete",
        "token.create", "token.revoke", "user.create", "user.update", "user.delete", "user.sign-in", "user.locked-out", "definitions.import",
        "run.replay", "run.replay-many", "run.cancel",
    ];

    public IReadOnlyDictionary<string, object?> ToQuery() => new Dictionary<string, object?>
    {
        ["actor"] = Blank(Actor),
        ["action"] = Blank(Action),
        ["from"] = From?.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
        ["to"] = To?.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
    };

    /// <summary>The filter from query values, or the name of the first value that is not a time.</summary>
    public static (AuditFilter? Filter, string? BadField) Parse(string? actor, string? action, string? from, string? to)
    {
        var fromTime = ParseTime(from);
        var toTime = ParseTime(to);
        if (from is not null && fromTime is null)
        {
            return (null, "from");
        }

        return to is not null && toTime is null ? (null, "to") : (new AuditFilter(Blank(actor), Blank(action), fromTime, toTime), null);
    }

    public static DateTimeOffset? ParseTime(string? text) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var time) ? time : null;

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}

/// <summary>One audit entry as shown and exported.</summary>
public sealed record AuditEntryView(long Id, DateTimeOffset At, string Actor, string Action, string? Target, string? Details);

/// <summary>A page request of the app's own: 1-based page number and page size.</summary>
public sealed record PageRequest(int Page = 1, int PageSize = 50)
{
    public int Skip => (Page - 1) * PageSize;
}
