using Dashboard.Data.Entities;

namespace Dashboard.Web.Features.Users;

/// <summary>The user dialog's inputs; <see cref="Id"/> is null when creating.</summary>
public sealed class UserForm
{
    public long? Id { get; set; }
    public string UserName { get; set; } = "";
    public string Password { get; set; } = "";
    public UserRole Role { get; set; } = UserRole.Viewer;
}
