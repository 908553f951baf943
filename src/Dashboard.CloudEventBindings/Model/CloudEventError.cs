namespace Dashboard.CloudEventBindings;

/// <summary>
/// One reason an event was rejected. <see cref="Path"/> is a JSON path into the document
/// (<c>$.time</c>, <c>$[3].id</c>, <c>$.data.items[0]</c>) or, for binary mode, the header name (<c>ce-time</c>).
/// </summary>
public readonly record struct CloudEventError(string Path, string Message)
{
    public override string ToString() => $"{Path}: {Message}";
}
