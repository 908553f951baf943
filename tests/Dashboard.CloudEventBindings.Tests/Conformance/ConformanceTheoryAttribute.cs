namespace Dashboard.CloudEventBindings.Tests.Conformance;

/// <summary>A theory over the shared conformance vectors; reported as skipped, with the reason, when they are missing.</summary>
public sealed class ConformanceTheoryAttribute : TheoryAttribute
{
    public ConformanceTheoryAttribute()
    {
        if (ConformanceData.Directory is null)
        {
            Skip = ConformanceData.MissingReason;
        }
    }
}

/// <summary>A fact over the shared conformance vectors; reported as skipped, with the reason, when they are missing.</summary>
public sealed class ConformanceFactAttribute : FactAttribute
{
    public ConformanceFactAttribute()
    {
        if (ConformanceData.Directory is null)
        {
            Skip = ConformanceData.MissingReason;
        }
    }
}
