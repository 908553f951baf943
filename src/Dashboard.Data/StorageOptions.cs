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

    /// <summary>
    /// SQLite's page size for a database file this instance creates (a power of two from 512 to 65,536); a file that
    /// exists keeps the page size it was created with. Every commit writes each page it touched to the WAL in full.
    /// </summary>
    [Range(512, 65_536)]
    [PowerOfTwo]
    public int PageSize { get; set; } = 4_096;

    public string DatabasePath => Path.GetFullPath(Path.Combine(DataPath, DatabaseFileName));
}

/// <summary>Accepts only powers of two (SQLite's page sizes).</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class PowerOfTwoAttribute : ValidationAttribute
{
    public PowerOfTwoAttribute()
        : base("The field {0} must be a power of two.")
    {
    }

    public override bool IsValid(object? value) => value is int number && int.IsPow2(number);
}
