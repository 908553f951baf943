using Dashboard.Data;
using Dashboard.Data.Entities;
using Dashboard.Runtime.Common;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Runtime.Access;

/// <summary>Local users: password hashing with ASP.NET Core's <see cref="PasswordHasher{TUser}"/>, lockout, roles.</summary>
public sealed class UserService(IDbContextFactory<DashboardDbContext> dbFactory, TimeProvider clock)
{
    public const int MaxFailedSignIns = 5;
    public const int MinPasswordLength = 8;
    public static readonly TimeSpan LockoutDuration = TimeSpan.FromMinutes(5);

    private readonly PasswordHasher<User> _hasher = new();

    public async Task<bool> AnyUserAsync(CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Users.AnyAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<User>> ListAsync(CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Users.AsNoTracking().OrderBy(u => u.UserName).ToListAsync(cancellationToken);
    }

    public async Task<SaveResult> CreateAsync(string userName, string password, UserRole role, Actor actor, CancellationToken cancellationToken)
    {
        var errors = new List<FieldError>();
        if (string.IsNullOrWhiteSpace(userName) || userName.Length > 64 || userName.Any(char.IsWhiteSpace))
        {
            errors.Add(new("userName", "A user name of 1 to 64 characters without spaces is required."));
        }

        CheckPassword(errors, password);
        if (errors.Count > 0)
        {
            return SaveResult.Failed(errors);
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (await db.Users.AnyAsync(u => u.UserName == userName, cancellationToken))
        {
            return SaveResult.Failed("userName", $"The user '{userName}' already exists.");
        }

        var user = new User { UserName = userName, PasswordHash = "", Role = role, CreatedAt = clock.GetUtcNow() };
        user.PasswordHash = _hasher.HashPassword(user, password);
        db.Users.Add(user);
        AuditLog.Add(db, actor, "user.create", userName, $"role {role}");
        await db.SaveChangesAsync(cancellationToken);
        return SaveResult.Saved(user.Id);
    }

    public async Task<SignInOutcome> CheckPasswordAsync(string userName, string password, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var user = await db.Users.FirstOrDefaultAsync(u => u.UserName == userName, cancellationToken);
        var now = clock.GetUtcNow();
        if (user is null)
        {
            // Hash anyway so response time does not reveal which user names exist.
            _hasher.HashPassword(new User { UserName = userName, PasswordHash = "" }, password);
            return SignInOutcome.Invalid;
        }

        if (user.LockedUntil is { } until && until > now)
        {
            return SignInOutcome.Locked(until);
        }

        var verified = _hasher.VerifyHashedPassword(user, user.PasswordHash, password ?? "");
        if (verified == PasswordVerificationResult.Failed)
        {
            user.FailedSignIns++;
            if (user.FailedSignIns >= MaxFailedSignIns)
            {
                user.LockedUntil = now + LockoutDuration;
                user.FailedSignIns = 0;
                AuditLog.Add(db, new Actor(user.UserName), "user.locked-out", user.UserName);
            }

            await db.SaveChangesAsync(cancellationToken);
            return user.LockedUntil is { } lockedUntil && lockedUntil > now ? SignInOutcome.Locked(lockedUntil) : SignInOutcome.Invalid;
        }

        if (verified == PasswordVerificationResult.SuccessRehashNeeded)
        {
            user.PasswordHash = _hasher.HashPassword(user, password!);
        }

        user.FailedSignIns = 0;
        user.LockedUntil = null;
        user.LastSignInAt = now;
        AuditLog.Add(db, new Actor(user.UserName), "user.sign-in", user.UserName);
        await db.SaveChangesAsync(cancellationToken);
        return SignInOutcome.Success(user);
    }

    public async Task<SaveResult> UpdateAsync(long id, UserRole role, string? newPassword, Actor actor, CancellationToken cancellationToken)
    {
        var errors = new List<FieldError>();
        if (!string.IsNullOrEmpty(newPassword))
        {
            CheckPassword(errors, newPassword);
        }

        if (errors.Count > 0)
        {
            return SaveResult.Failed(errors);
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var user = await db.Users.FirstOrDefaultAsync(u => u.Id == id, cancellationToken);
        if (user is null)
        {
            return SaveResult.Failed("id", "The user no longer exists.");
        }

        if (user.Role == UserRole.Admin && role != UserRole.Admin && !await db.Users.AnyAsync(u => u.Role == UserRole.Admin && u.Id != id, cancellationToken))
        {
            return SaveResult.Failed("role", "The last Admin cannot lose the Admin role.");
        }

        user.Role = role;
        if (!string.IsNullOrEmpty(newPassword))
        {
            user.PasswordHash = _hasher.HashPassword(user, newPassword);
            user.LockedUntil = null;
        }

        AuditLog.Add(db, actor, "user.update", user.UserName, $"role {role}{(string.IsNullOrEmpty(newPassword) ? "" : ", password reset")}");
        await db.SaveChangesAsync(cancellationToken);
        return SaveResult.Saved(user.Id);
    }

    public async Task<SaveResult> DeleteAsync(long id, Actor actor, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var user = await db.Users.FirstOrDefaultAsync(u => u.Id == id, cancellationToken);
        if (user is null)
        {
            return SaveResult.Failed("id", "The user no longer exists.");
        }

        if (user.Role == UserRole.Admin && !await db.Users.AnyAsync(u => u.Role == UserRole.Admin && u.Id != id, cancellationToken))
        {
            return SaveResult.Failed("id", "The last Admin cannot be deleted.");
        }

        db.Users.Remove(user);
        AuditLog.Add(db, actor, "user.delete", user.UserName);
        await db.SaveChangesAsync(cancellationToken);
        return SaveResult.Saved(id);
    }

    private static void CheckPassword(List<FieldError> errors, string? password)
    {
        if (password is null || password.Length < MinPasswordLength)
        {
            errors.Add(new("password", $"A password needs at least {MinPasswordLength} characters."));
        }
    }
}

public sealed record SignInOutcome(User? User, DateTimeOffset? LockedUntil)
{
    public static SignInOutcome Invalid { get; } = new(null, null);

    public static SignInOutcome Success(User user) => new(user, null);

    public static SignInOutcome Locked(DateTimeOffset until) => new(null, until);
}
