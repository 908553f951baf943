using Dashboard.Runtime.Workflows.Services;

namespace Dashboard.Web.Features.Runs;

/// <summary>What the replay dialog answers: where to start, which workflow version, whether to replay again, and why.</summary>
public sealed record ReplayChoice(bool FromFailedStep, string Reason, ReplayVersion Version = ReplayVersion.Original, bool Force = false)
{
    public ReplayOptions Options => new(FromFailedStep, Version, Force);
}
