using System.Text;
using System.Text.Json;
using Dashboard.CloudEventBindings;
using Dashboard.JsonSchema;
using Dashboard.Runtime.Ingestion;

namespace Dashboard.Web.Features.Firing;

/// <summary>One problem with the edited event, at a JSON path such as <c>$.data.qty</c>.</summary>
public sealed record FireProblem(string Path, string Message);

/// <summary>
/// The manual-fire editor without a renderer: the CloudEvent text, its problems (JSON syntax, CloudEvents attributes,
/// the definition's JSON Schema for <c>data</c>), and the outcome of the last fire.
/// </summary>
public sealed class FireEditorState
{
    private readonly CompiledSchema? _schema;

    public FireEditorState(string text, string? schemaText)
    {
        Text = text;
        if (!string.IsNullOrWhiteSpace(schemaText) && CompiledSchema.TryCompile(schemaText, out var schema, out _))
        {
            _schema = schema;
        }

        Validate();
    }

    public string Text { get; private set; }

    public IReadOnlyList<FireProblem> Problems { get; private set; } = [];

    /// <summary>True once the current text has been checked; false between an edit and the (debounced) check.</summary>
    public bool IsChecked { get; private set; }

    public bool IsFiring { get; private set; }

    public IngestionResult? Outcome { get; private set; }

    public bool CanFire => IsChecked && Problems.Count == 0 && !IsFiring;

    public void Edit(string text)
    {
        if (text == Text)
        {
            return;
        }

        Text = text;
        IsChecked = false;
    }

    public void Validate()
    {
        Problems = Check(Text, _schema);
        IsChecked = true;
    }

    public void BeginFire()
    {
        IsFiring = true;
        Outcome = null;
    }

    public void EndFire(IngestionResult outcome)
    {
        IsFiring = false;
        Outcome = outcome;
    }

    /// <summary>The seq of the event the last fire stored (accepted or duplicate), if any.</summary>
    public long? FiredSeq => Outcome is { Accepted: true, Events: [{ Seq: { } seq }, ..] } ? seq : null;

    internal static IReadOnlyList<FireProblem> Check(string text, CompiledSchema? schema)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return [new("$", "the event is empty")];
        }

        try
        {
            using var _ = JsonDocument.Parse(text);
        }
        catch (JsonException ex)
        {
            return [new(ex.Path ?? "$", $"not valid JSON: line {ex.LineNumber + 1}, position {ex.BytePositionInLine + 1}")];
        }

        var parsed = StrictJsonEventFormatter.Default.DecodeStructured(Encoding.UTF8.GetBytes(text));
        if (!parsed.IsValid)
        {
            return parsed.Errors.Select(e => new FireProblem(e.Path, e.Message)).ToList();
        }

        if (schema is null)
        {
            return [];
        }

        if (parsed.Event!.Data is null)
        {
            return [new("$.data", "data is required by the definition's schema")];
        }

        if (parsed.Event.Data is not JsonElement data)
        {
            return [new("$.data", "data must be JSON to be checked against the schema")];
        }

        return schema.Validate(data).Errors
            .Select(e => new FireProblem("$.data" + e.JsonPath[1..], e.Message))
            .ToList();
    }
}
