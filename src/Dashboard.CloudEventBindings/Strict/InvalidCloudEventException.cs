namespace Dashboard.CloudEventBindings;

/// <summary>
/// Thrown by <see cref="StrictJsonEventFormatter"/>'s SDK entry points for bad input: an <see cref="ArgumentException"/>
/// as the SDK's contract says, carrying every problem with its JSON path or header.
/// </summary>
public sealed class InvalidCloudEventException(IReadOnlyList<CloudEventError> errors)
    : ArgumentException("Invalid CloudEvent: " + string.Join("; ", errors))
{
    public IReadOnlyList<CloudEventError> Errors { get; } = errors;

    internal static CloudEventDecodeResult ThrowIfInvalid(CloudEventDecodeResult result) =>
        result.Errors.Count == 0 ? result : throw new InvalidCloudEventException(result.Errors);
}
