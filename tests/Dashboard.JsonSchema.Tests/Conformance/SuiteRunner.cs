namespace Dashboard.JsonSchema.Tests.Conformance;

internal sealed record SuiteOutcome(SuiteCase Case, bool Passed, string Detail);

/// <summary>Runs one suite case through both the collecting and the fast validation paths.</summary>
internal static class SuiteRunner
{
    public static SuiteOutcome Run(SuiteCase testCase)
    {
        if (!JsonSchema.TryCompile(testCase.Schema, out var schema, out var errors))
        {
            return new SuiteOutcome(testCase, false, $"{testCase}: schema did not compile: {string.Join("; ", errors)}");
        }

        var result = schema!.Validate(testCase.Data);
        var fast = schema.IsValid(testCase.Data);
        var passed = result.IsValid == testCase.Valid && fast == testCase.Valid;
        var detail = $"{testCase}: expected valid={testCase.Valid}, Validate={result.IsValid}, IsValid={fast}"
            + (result.IsValid ? string.Empty : " errors: " + string.Join("; ", result.Errors));
        return new SuiteOutcome(testCase, passed, detail);
    }
}
