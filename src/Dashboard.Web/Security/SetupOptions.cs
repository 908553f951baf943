namespace Dashboard.Web.Security;

/// <summary>Section <c>Setup</c>: non-interactive first-run settings for scripted deployments.</summary>
public sealed class SetupOptions
{
    public const string SectionName = "Setup";

    /// <summary>With <see cref="AdminPassword"/>, creates this Admin at startup when no users exist.</summary>
    public string? AdminUser { get; set; }
    public string? AdminPassword { get; set; }

    /// <summary>An API token with the Admin role, stored hashed, created at startup if not present yet.</summary>
    public string? AdminApiToken { get; set; }
}
