using System.ComponentModel.DataAnnotations;

namespace Dashboard.Data;

/// <summary>Section <c>Storage</c>.</summary>
public sealed class StorageOptions
{
    public const string SectionName = "Storage";

    /// <summary>Folder for the SQLite database and the Data Protection keys; created on first run.</summary>
    [Required]
    public string DataPath { get; set; } = "./data";

    public string DatabaseFileName { get; set; } = "dashboard.db";

    [Range(100, 600_000)]
    public int BusyTimeoutMilliseconds { get; set; } = 5_000;

    public string DatabasePath => Path.GetFullPath(Path.Combine(DataPath, DatabaseFileName));
}
