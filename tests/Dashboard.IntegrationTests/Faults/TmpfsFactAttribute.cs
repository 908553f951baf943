namespace Dashboard.IntegrationTests.Faults;

/// <summary>A fact that needs to mount a tmpfs; reported as skipped, with the reason, where mounting is not permitted.</summary>
[AttributeUsage(AttributeTargets.Method)]
internal sealed class TmpfsFactAttribute : FactAttribute
{
    private static readonly Lazy<string?> Refusal = new(() =>
    {
        using var probe = SmallDisk.TryMount(1, out var reason);
        return probe is null ? reason : null;
    });

    public TmpfsFactAttribute()
    {
        if (Refusal.Value is { } reason)
        {
            Skip = reason;
        }
    }
}
