using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Dashboard.Data.Events;

/// <summary>How one stage of ingestion went for a request.</summary>
public enum TraceResult
{
    Passed,
    Failed,
    Skipped,
    Info,
}

/// <summary>One stage of a request's way through ingestion: received, route, mode, auth, decode, schema, dedupe, workflow, runs.</summary>
public sealed record TraceStep(string Stage, TraceResult Result, string Detail);

/// <summary>
/// The routing trace as stored with a ledger entry (inline on a ledger row, or shared, M019): compact JSON,
/// <c>[{"s":stage,"r":"p|f|s|i","d":detail},...]</c>. The pipeline writes the steps it decided as a fragment; the writer
/// appends the de-duplication step it alone knows and closes the array, so the trace is written with the entry in the
/// same transaction.
/// </summary>
public static class IngestionTrace
{
    /// <summary>The de-duplication step of an event stored for the first time (with its routing after it).</summary>
    public static readonly string NewEventStep = Step("dedupe", TraceResult.Passed, "new: no stored event has this source and id");

    /// <summary>Appends one step to a trace fragment that starts with <c>[</c>.</summary>
    public static void Append(StringBuilder fragment, string stage, TraceResult result, string detail)
    {
        if (fragment.Length > 1)
        {
            fragment.Append(',');
        }

        fragment.Append("{\"s\":\"").Append(stage).Append("\",\"r\":\"").Append(Code(result)).Append("\",\"d\":\"")
            .Append(JavaScriptEncoder.UnsafeRelaxedJsonEscaping.Encode(detail)).Append("\"}");
    }

    /// <summary>One step as JSON (no separator).</summary>
    public static string Step(string stage, TraceResult result, string detail)
    {
        var builder = new StringBuilder("[");
        Append(builder, stage, result, detail);
        return builder.ToString(1, builder.Length - 1);
    }

    /// <summary>The whole trace of a stored or duplicate event: the pipeline's steps, de-duplication, then the routing steps.</summary>
    public static string Compose(string head, string dedupeStep, string? routedSteps) =>
        routedSteps is null ? string.Concat(head, ",", dedupeStep, "]") : string.Concat(head, ",", dedupeStep, routedSteps, "]");

    /// <summary>The steps of a stored trace; empty for none (rows written before traces were recorded).</summary>
    public static IReadOnlyList<TraceStep> Parse(string? json)
    {
        if (string.IsNullOrEmpty(json))
        {
            return [];
        }

        using var document = JsonDocument.Parse(json);
        var steps = new List<TraceStep>(document.RootElement.GetArrayLength());
        foreach (var step in document.RootElement.EnumerateArray())
        {
            steps.Add(new TraceStep(step.GetProperty("s").GetString() ?? "", Result(step.GetProperty("r").GetString()), step.GetProperty("d").GetString() ?? ""));
        }

        return steps;
    }

    private static char Code(TraceResult result) => result switch
    {
        TraceResult.Passed => 'p',
        TraceResult.Failed => 'f',
        TraceResult.Skipped => 's',
        _ => 'i',
    };

    private static TraceResult Result(string? code) => code switch
    {
        "p" => TraceResult.Passed,
        "f" => TraceResult.Failed,
        "s" => TraceResult.Skipped,
        _ => TraceResult.Info,
    };
}
