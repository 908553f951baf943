namespace Dashboard.CloudEvents;

/// <summary>Collects errors; allocates nothing until the first error.</summary>
internal sealed class ErrorCollector
{
    private List<CloudEventError>? _errors;

    public int Count => _errors?.Count ?? 0;

    public void Add(string path, string message) => (_errors ??= []).Add(new CloudEventError(path, message));

    public IReadOnlyList<CloudEventError> ToArray() => _errors is null ? [] : _errors.ToArray();

    public void Clear() => _errors?.Clear();
}
