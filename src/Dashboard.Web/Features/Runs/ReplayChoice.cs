namespace Dashboard.Web.Features.Runs;

/// <summary>What the replay dialog answers: where to start and why.</summary>
public sealed record ReplayChoice(bool FromFailedStep, string Reason);
