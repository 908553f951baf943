using System.Security.Claims;
using Dashboard.Data.Entities;
using Dashboard.Runtime.Common;

namespace Dashboard.Web.Security;

/// <summary>Authorization policies by role. Higher roles carry the claims of the lower ones.</summary>
public static class Policies
{
    public const string Viewer = nameof(UserRole.Viewer);
    public const string Operator = nameof(UserRole.Operator);
    public const string Admin = nameof(UserRole.Admin);

    /// <summary>The role claims a role implies: an Admin is also an Operator and a Viewer.</summary>
    public static IEnumerable<Claim> RoleClaims(UserRole role) =>
        Enum.GetValues<UserRole>().Where(r => r <= role).Select(r => new Claim(ClaimTypes.Role, r.ToString()));

    public static Actor ToActor(this ClaimsPrincipal user) =>
        new(user.Identity?.Name is { Length: > 0 } name ? name : "anonymous");
}
