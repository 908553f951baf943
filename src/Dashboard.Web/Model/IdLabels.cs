namespace Dashboard.Web.Model;

/// <summary>How ids read on screen: events and runs have separate numbers, so each carries its own prefix (E-12, R-12).</summary>
public static class IdLabels
{
    public static string Event(long? seq) => seq is { } value ? $"E-{value}" : "";

    public static string Run(long? id) => id is { } value ? $"R-{value}" : "";
}
