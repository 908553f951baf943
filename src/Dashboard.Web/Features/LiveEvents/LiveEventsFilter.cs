using Dashboard.Runtime.Streaming;

namespace Dashboard.Web.Features.LiveEvents;

/// <summary>The live page's filter form; applied on the server subscription.</summary>
public sealed class LiveEventsFilter
{
    /// <summary>The outcomes an operator can filter on.</summary>
    public static IReadOnlyList<string> Outcomes { get; } =
        ["Accepted", "RejectedAuth", "RejectedInvalid", "Duplicate", "Unmatched", "Disabled", "TooLarge", "UnsupportedMediaType"];

    public long? DefinitionId { get; set; }
    public string? Type { get; set; }
    public string? Source { get; set; }
    public string? Subject { get; set; }
    public string? Outcome { get; set; }

    public LiveFilter ToLiveFilter() => new()
    {
        Kinds = new HashSet<LiveItemKind> { LiveItemKind.Ingestion },
        DefinitionId = DefinitionId,
        Type = Blank(Type),
        Source = Blank(Source),
        Subject = Blank(Subject),
        Outcome = Blank(Outcome),
    };

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
