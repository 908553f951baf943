using Dashboard.Runtime.Common;

namespace Dashboard.Web.Features.Api;

public static class FieldErrorResults
{
    /// <summary>A 400 problem body with each field's messages under <c>errors</c>, keyed by the camelCase field name.</summary>
    public static Microsoft.AspNetCore.Http.HttpResults.ValidationProblem ToValidationProblem(this IEnumerable<FieldError> errors) =>
        TypedResults.ValidationProblem(
            errors.GroupBy(e => e.Field).ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray()),
            title: "The request has invalid fields.");
}
