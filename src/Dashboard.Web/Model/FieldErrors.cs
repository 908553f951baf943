using Dashboard.Runtime.Common;

namespace Dashboard.Web.Model;

/// <summary>Finds the server's field errors that belong to one form field, matching the API's field paths.</summary>
public static class FieldErrors
{
    /// <summary>Errors for exactly <paramref name="field"/> (case-insensitive).</summary>
    public static IEnumerable<FieldError> For(IReadOnlyList<FieldError> errors, string field) =>
        errors.Where(e => string.Equals(e.Field, field, StringComparison.OrdinalIgnoreCase));

    /// <summary>Errors for <paramref name="prefix"/> or anything under it (<c>steps[2]</c> matches <c>steps[2].settings.url</c>).</summary>
    public static IEnumerable<FieldError> Under(IReadOnlyList<FieldError> errors, string prefix) =>
        errors.Where(e => e.Field.Equals(prefix, StringComparison.OrdinalIgnoreCase)
            || (e.Field.StartsWith(prefix, StringComparison.OrdinalIgnoreCase) && e.Field.Length > prefix.Length && e.Field[prefix.Length] is '.' or '['));

    public static bool Has(IReadOnlyList<FieldError> errors, string field) => For(errors, field).Any();

    /// <summary>The messages for one field joined into one line, or null when it has none.</summary>
    public static string? Text(IReadOnlyList<FieldError> errors, string field)
    {
        var messages = For(errors, field).Select(e => e.Message).ToList();
        return messages.Count == 0 ? null : string.Join(" ", messages);
    }
}
