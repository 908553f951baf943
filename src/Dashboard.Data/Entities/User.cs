namespace Dashboard.Data.Entities;

public sealed class User
{
    public long Id { get; set; }
    public required string UserName { get; set; }
    public required string PasswordHash { get; set; }
    public UserRole Role { get; set; } = UserRole.Viewer;
    public int FailedSignIns { get; set; }
    public DateTimeOffset? LockedUntil { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? LastSignInAt { get; set; }
}

/// <summary>Admin: definitions, tokens, users. Operator: fire, replay. Viewer: read.</summary>
public enum UserRole
{
    Viewer,
    Operator,
    Admin,
}
