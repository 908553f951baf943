using System.Text.Json.Nodes;

namespace Dashboard.Runtime.Workflows.Steps;

public enum StepOutcomeKind
{
    /// <summary>Go on with the next step.</summary>
    Continue,

    /// <summary>Skip forward to the step named in <see cref="StepOutcome.Target"/>.</summary>
    GoTo,

    /// <summary>End the run as succeeded.</summary>
    End,

    /// <summary>Release the worker and continue with the next step at <see cref="StepOutcome.ResumeAt"/>.</summary>
    Delay,

    /// <summary>The step failed for good (bad template, unexpected 4xx, a fail step): the run fails.</summary>
    Failed,

    /// <summary>The step failed but may succeed later (unreachable host, timeout, 5xx): retried per its retry settings.</summary>
    Retryable,
}

/// <summary>What a step did: its rendered input, its output, and where the run goes next.</summary>
public sealed record StepOutcome(StepOutcomeKind Kind, JsonNode? Input, JsonNode? Output, string? Error = null)
{
    public string? Target { get; init; }
    public DateTimeOffset? ResumeAt { get; init; }

    /// <summary>The status a sync caller gets when this step fails the run (a <c>fail</c> step's <c>status</c>); null: 502.</summary>
    public int? ResponseStatus { get; init; }

    public static StepOutcome Continue(JsonNode? input, JsonNode? output) => new(StepOutcomeKind.Continue, input, output);

    public static StepOutcome Fail(JsonNode? input, string error, JsonNode? output = null) => new(StepOutcomeKind.Failed, input, output, error);

    public static StepOutcome Retry(JsonNode? input, string error, JsonNode? output = null) => new(StepOutcomeKind.Retryable, input, output, error);
}
