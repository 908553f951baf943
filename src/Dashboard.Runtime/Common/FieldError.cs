namespace Dashboard.Runtime.Common;

/// <summary>One problem with one input field, shown at that field in forms and listed in problem bodies.</summary>
public sealed record FieldError(string Field, string Message);

/// <summary>The result of a save: the saved id, or the field errors that stopped it (nothing written).</summary>
public sealed record SaveResult(long? Id, IReadOnlyList<FieldError> Errors)
{
    public bool Succeeded => Errors.Count == 0;

    public static SaveResult Saved(long id) => new(id, []);

    public static SaveResult Failed(IReadOnlyList<FieldError> errors) => new(null, errors);

    public static SaveResult Failed(string field, string message) => new(null, [new FieldError(field, message)]);
}
