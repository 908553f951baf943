using System.ComponentModel.DataAnnotations;

namespace Dashboard.Runtime.Health;

/// <summary>Section <c>Health</c>: what <c>/healthz/ready</c> requires.</summary>
public sealed class HealthOptions
{
    public const string SectionName = "Health";

    /// <summary>Ready only while the data folder's file system has at least this many bytes free.</summary>
    [Range(0, long.MaxValue)]
    public long MinimumFreeDiskBytes { get; set; } = 256L * 1024 * 1024;

    /// <summary>A commit within this many seconds counts as "the writer works"; otherwise a probe write is committed.</summary>
    [Range(1, 3600)]
    public int WriterRecentSeconds { get; set; } = 30;

    /// <summary>How long the probe write may take before the writer is reported as not committing.</summary>
    [Range(1, 120)]
    public int ProbeTimeoutSeconds { get; set; } = 5;
}
