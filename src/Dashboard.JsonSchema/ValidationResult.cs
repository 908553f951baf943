namespace Dashboard.JsonSchema;

/// <summary>The outcome of validating one instance.</summary>
public sealed class ValidationResult
{
    private static readonly IReadOnlyList<ValidationError> _none = [];

    internal ValidationResult(IReadOnlyList<ValidationError>? errors)
    {
        Errors = errors is { Count: > 0 } ? errors : _none;
    }

    /// <summary>A shared result for a valid instance.</summary>
    public static ValidationResult Valid { get; } = new(null);

    /// <summary>True when there are no errors.</summary>
    public bool IsValid => Errors.Count == 0;

    /// <summary>Every error found, in evaluation order.</summary>
    public IReadOnlyList<ValidationError> Errors { get; }
}
