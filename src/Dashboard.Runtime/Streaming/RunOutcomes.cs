namespace Dashboard.Runtime.Streaming;

/// <summary>Classifies run states however they are spelled (<c>Failed</c>, <c>dead-lettered</c>, <c>dead_lettered</c>).</summary>
public static class RunOutcomes
{
    public static bool IsSucceeded(string state) => Normalize(state) is "succeeded" or "completed";

    public static bool IsFailed(string state) => Normalize(state) is "failed" or "deadlettered" or "deadletter";

    private static string Normalize(string state) =>
        state.Replace("-", "", StringComparison.Ordinal).Replace("_", "", StringComparison.Ordinal).ToLowerInvariant();
}
