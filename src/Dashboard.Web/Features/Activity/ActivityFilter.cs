using System.Globalization;

namespace Dashboard.Web.Features.Activity;

/// <summary>Which activity to show or export: one workflow (or all), a kind (exact, or a prefix ending in <c>*</c>), a time range.</summary>
public sealed record ActivityFilter(long? WorkflowId = null, string? Kind = null, DateTimeOffset? From = null, DateTimeOffset? To = null)
{
    /// <summary>Kinds the runtime writes, for the filter list.</summary>
    public static IReadOnlyList<string> KnownKinds { get; } =
    [
        "rejected-auth", "rejected-invalid", "rejected-disabled", "rejected", "run-started", "run-succeeded", "run-failed",
        "run-dead-lettered", "run-cancelled", "run-resumed", "run-replayed", "step-failed", "step-retry",
    ];

    public IReadOnlyDictionary<string, object?> ToQuery() => new Dictionary<string, object?>
    {
        ["workflow"] = WorkflowId,
        ["kind"] = string.IsNullOrWhiteSpace(Kind) ? null : Kind.Trim(),
        ["from"] = From?.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
        ["to"] = To?.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
    };

    public static DateTimeOffset? ParseTime(string? text) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var time) ? time : null;

    /// <summary>Auth and signature failures: shown with a warning icon and colour.</summary>
    public static bool IsAuthFailure(string kind) =>
        kind.Equals("rejected-auth", StringComparison.OrdinalIgnoreCase) || kind.Contains("signature", StringComparison.OrdinalIgnoreCase);
}
