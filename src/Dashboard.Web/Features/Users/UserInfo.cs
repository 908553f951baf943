using Dashboard.Data.Entities;

namespace Dashboard.Web.Features.Users;

/// <summary>A user as lists and the API show it: never the password hash.</summary>
public sealed record UserInfo(long Id, string UserName, UserRole Role, DateTimeOffset CreatedAt, DateTimeOffset? LastSignInAt, DateTimeOffset? LockedUntil)
{
    public static UserInfo From(User user) => new(user.Id, user.UserName, user.Role, user.CreatedAt, user.LastSignInAt, user.LockedUntil);
}

/// <summary>The body of <c>POST /api/users</c>.</summary>
public sealed record CreateUserRequest(string? UserName, string? Password, UserRole Role);

/// <summary>The body of <c>PUT /api/users/{id}</c>: the role, and a new password only when resetting it.</summary>
public sealed record UpdateUserRequest(UserRole Role, string? NewPassword);
