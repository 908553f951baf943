using System.Text.Json.Nodes;
using Dashboard.Runtime.Workflows.Expressions;

namespace Dashboard.Runtime.Workflows.Steps;

/// <summary>
/// A step's <c>retry: { maxAttempts, backoffSeconds }</c>. The wait before attempt n+1 is
/// backoffSeconds × 2^(n−1), capped, plus up to 20 % random jitter so retries of many runs spread out.
/// </summary>
public sealed record RetryPolicy(int MaxAttempts, double BackoffSeconds)
{
    public const int MaxAttemptsLimit = 20;
    public const double MaxBackoffSeconds = 3600;

    public static RetryPolicy For(string stepType, JsonObject settings)
    {
        var fallback = stepType is "http" or "publish" ? new RetryPolicy(3, 2) : new RetryPolicy(1, 0);
        if (settings["retry"] is not JsonObject retry)
        {
            return fallback;
        }

        var max = JsonValues.TryNumber(retry["maxAttempts"], out var m) ? (int)m : fallback.MaxAttempts;
        var backoff = JsonValues.TryNumber(retry["backoffSeconds"], out var b) ? (double)b : fallback.BackoffSeconds;
        return new RetryPolicy(Math.Clamp(max, 1, MaxAttemptsLimit), Math.Clamp(backoff, 0, MaxBackoffSeconds));
    }

    /// <summary>The wait after failed attempt <paramref name="attempt"/> (1-based); <paramref name="jitter"/> is in [0, 1).</summary>
    public TimeSpan Backoff(int attempt, double jitter)
    {
        var seconds = Math.Min(BackoffSeconds * Math.Pow(2, attempt - 1), MaxBackoffSeconds);
        return TimeSpan.FromSeconds(seconds * (1 + (0.2 * jitter)));
    }

    public static void Validate(StepValidation validation)
    {
        if (!validation.Has("retry"))
        {
            return;
        }

        if (validation.Object("retry", required: false) is not { } retry)
        {
            return;
        }

        foreach (var (name, node) in retry)
        {
            var (min, max) = name switch
            {
                "maxAttempts" => (1m, (decimal)MaxAttemptsLimit),
                "backoffSeconds" => (0m, (decimal)MaxBackoffSeconds),
                _ => (-1m, -1m),
            };
            if (min < 0)
            {
                validation.Error($"retry.{name}", $"Unknown setting '{name}'. Known: maxAttempts, backoffSeconds.");
            }
            else if (!JsonValues.TryNumber(node, out var value) || value < min || value > max || (name == "maxAttempts" && value != decimal.Truncate(value)))
            {
                validation.Error($"retry.{name}", name == "maxAttempts" ? $"Must be a whole number from 1 to {MaxAttemptsLimit}." : $"Must be a number from 0 to {MaxBackoffSeconds}.");
            }
        }
    }
}
