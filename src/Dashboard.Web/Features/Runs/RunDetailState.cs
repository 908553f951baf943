using System.Globalization;
using Dashboard.Runtime.Workflows.Services;
using Dashboard.Runtime.Workflows.Store;

namespace Dashboard.Web.Features.Runs;

/// <summary>One step attempt on the run's timeline.</summary>
public sealed record TimelineEntry(StepResultView Step, string Duration, double OffsetPercent, double WidthPercent);

/// <summary>
/// The run detail page without a renderer: the step timeline with durations, what a waiting run waits for and how
/// long is left, and which operator actions apply.
/// </summary>
public sealed class RunDetailState
{
    public RunDetail? Detail { get; private set; }

    public RunSummary? Run => Detail?.Run;

    public IReadOnlyList<TimelineEntry> Timeline { get; private set; } = [];

    /// <summary>True while the run can still change (queued, waiting or running): the page keeps refreshing it.</summary>
    public bool IsActive => Run is { } run && !RunStates.IsFinished(run.State);

    public bool CanCancel => IsActive;

    public bool CanReplay => Run is { } run && RunStates.IsFinished(run.State);

    public bool CanReplayFromFailedStep => CanReplay && Run!.State != RunStates.Succeeded;

    /// <summary>The newest replay that makes another one a double (pending, succeeded, or dead-lettered in its turn); null if none.</summary>
    public ReplayLink? BlockingReplay => Detail?.Replays.LastOrDefault(r => r.State is RunStates.Queued or RunStates.Running or RunStates.Succeeded or RunStates.DeadLettered);

    public void Load(RunDetail detail)
    {
        Detail = detail;
        Timeline = BuildTimeline(detail.Steps);
    }

    /// <summary>Time left until a queued run's next attempt (a retry back-off or a durable delay); null when not waiting.</summary>
    public TimeSpan? Remaining(DateTimeOffset now) =>
        Run is { State: RunStates.Queued, NextAttemptAt: { } next } && next > now ? next - now : null;

    /// <summary>What the run waits for, e.g. "Retry of step 'call' (attempt 3)" or "Delay 'wait' ends".</summary>
    public string? WaitingFor(DateTimeOffset now)
    {
        if (Remaining(now) is null || Detail is null)
        {
            return null;
        }

        var last = Detail.Steps.Count > 0 ? Detail.Steps[^1] : null;
        return last switch
        {
            { State: StepStates.Failed } => $"Retry of step '{last.StepName}' (attempt {last.Attempt + 1})",
            { StepType: "delay" } => $"Delay '{last.StepName}' ends",
            _ => "Next attempt",
        };
    }

    public static string FormatCountdown(TimeSpan remaining)
    {
        var seconds = (long)Math.Ceiling(remaining.TotalSeconds);
        var span = TimeSpan.FromSeconds(Math.Max(0, seconds));
        return span.TotalHours >= 1
            ? string.Create(CultureInfo.InvariantCulture, $"{(long)span.TotalHours}:{span.Minutes:00}:{span.Seconds:00}")
            : string.Create(CultureInfo.InvariantCulture, $"{span.Minutes:00}:{span.Seconds:00}");
    }

    public static string FormatDuration(long? milliseconds) => milliseconds switch
    {
        null => "—",
        < 1000 => $"{milliseconds} ms",
        < 60_000 => string.Create(CultureInfo.InvariantCulture, $"{milliseconds / 1000.0:0.0} s"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{milliseconds / 60_000} min {milliseconds % 60_000 / 1000} s"),
    };

    /// <summary>Bars positioned on one time axis from the first step's start to the last step's end.</summary>
    internal static IReadOnlyList<TimelineEntry> BuildTimeline(IReadOnlyList<StepResultView> steps)
    {
        if (steps.Count == 0)
        {
            return [];
        }

        var start = steps.Min(s => s.StartedAt);
        var end = steps.Max(s => s.FinishedAt ?? s.StartedAt + TimeSpan.FromMilliseconds(s.DurationMs ?? 0));
        var total = Math.Max(1, (end - start).TotalMilliseconds);
        return steps.Select(s =>
        {
            var offset = (s.StartedAt - start).TotalMilliseconds / total * 100;
            var width = Math.Max(0.5, (s.DurationMs ?? 0) / total * 100);
            return new TimelineEntry(s, FormatDuration(s.DurationMs), Math.Round(offset, 2), Math.Round(Math.Min(width, 100 - offset), 2));
        }).ToList();
    }
}
