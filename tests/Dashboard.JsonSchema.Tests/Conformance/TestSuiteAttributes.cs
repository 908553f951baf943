namespace Dashboard.JsonSchema.Tests.Conformance;

/// <summary>A theory over the shared test suite that reports itself skipped (never passed) when the suite is absent.</summary>
public sealed class TestSuiteTheoryAttribute : TheoryAttribute
{
    public TestSuiteTheoryAttribute()
    {
        if (TestSuiteLocator.Folder is null)
        {
            Skip = TestSuiteLocator.MissingReason;
        }
    }
}

/// <summary>A fact over the shared test suite that reports itself skipped (never passed) when the suite is absent.</summary>
public sealed class TestSuiteFactAttribute : FactAttribute
{
    public TestSuiteFactAttribute()
    {
        if (TestSuiteLocator.Folder is null)
        {
            Skip = TestSuiteLocator.MissingReason;
        }
    }
}
