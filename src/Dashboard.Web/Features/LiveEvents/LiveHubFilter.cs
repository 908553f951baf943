using Dashboard.Runtime.Streaming;

namespace Dashboard.Web.Features.LiveEvents;

/// <summary>
/// The filter a hub client sends with <c>Subscribe</c>. <see cref="Kinds"/>: any of <c>Ingestion</c>, <c>Activity</c>,
/// <c>Run</c> (none: all). Text members match exactly, or by prefix when they end with <c>*</c>.
/// </summary>
public sealed record LiveHubFilter
{
    private const int MaxText = 256;

    public IReadOnlyList<string>? Kinds { get; init; }
    public long? DefinitionId { get; init; }
    public long? WorkflowId { get; init; }
    public string? Type { get; init; }
    public string? Source { get; init; }
    public string? Subject { get; init; }
    public string? Outcome { get; init; }

    public LiveFilter ToLiveFilter(out string? error)
    {
        error = null;
        var kinds = new HashSet<LiveItemKind>();
        foreach (var name in Kinds ?? [])
        {
            if (!Enum.TryParse<LiveItemKind>(name, ignoreCase: true, out var kind) || !Enum.IsDefined(kind))
            {
                error = $"kinds: '{name}' is not one of Ingestion, Activity, Run.";
                return LiveFilter.All;
            }

            kinds.Add(kind);
        }

        foreach (var (field, value) in new[] { ("type", Type), ("source", Source), ("subject", Subject), ("outcome", Outcome) })
        {
            if (value?.Length > MaxText)
            {
                error = $"{field}: at most {MaxText} characters.";
                return LiveFilter.All;
            }
        }

        return new LiveFilter
        {
            Kinds = kinds,
            DefinitionId = DefinitionId,
            WorkflowId = WorkflowId,
            Type = Type,
            Source = Source,
            Subject = Subject,
            Outcome = Outcome,
        };
    }
}
