using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Rapport.Data;
using Rapport.Data.Entities;

namespace Rapport.Server.Console.Accounts;

/// <summary>
/// The console's local admin accounts: created by <c>rapport admin create</c> or once at first
/// start, checked at sign-in. Passwords are kept only as ASP.NET Core Identity PBKDF2 hashes.
/// </summary>
public sealed class AdminAccounts(IDbContextFactory<RapportDbContext> contextFactory, TimeProvider timeProvider)
{
    /// <summary>The shortest password accepted; the generated ones are longer.</summary>
    public const int MinimumPasswordLength = 12;

    /// <summary>The longest user name accepted.</summary>
    public const int MaximumUserNameLength = 100;

    private static readonly PasswordHasher<AdminUserEntity> Hasher = new();

    /// <summary>Whether any account exists (the first start creates one when none does).</summary>
    public async Task<bool> AnyAsync(CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        return await db.AdminUsers.AnyAsync(cancellationToken);
    }

    /// <summary>Creates an account; a problem with the name or password is an <see cref="AdminAccountException"/>.</summary>
    public async Task<AdminUserEntity> CreateAsync(string userName, string password, CancellationToken cancellationToken)
    {
        var name = userName.Trim();
        if (ValidateUserName(name) is { } nameProblem)
        {
            throw new AdminAccountException(nameProblem);
        }
        if (ValidatePassword(password) is { } passwordProblem)
        {
            throw new AdminAccountException(passwordProblem);
        }
        var user = new AdminUserEntity
        {
            Id = Guid.NewGuid().ToString("N"),
            UserName = name,
            NormalizedUserName = Normalize(name),
            PasswordHash = "",
            CreatedAt = timeProvider.GetUtcNow().UtcDateTime,
        };
        user.PasswordHash = Hasher.HashPassword(user, password);
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        if (await db.AdminUsers.AnyAsync(u => u.NormalizedUserName == user.NormalizedUserName, cancellationToken))
        {
            throw new AdminAccountException($"An admin account named \"{name}\" already exists.");
        }
        db.AdminUsers.Add(user);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Another node or command created the same name between the check and the insert.
            throw new AdminAccountException($"An admin account named \"{name}\" already exists.");
        }
        return user;
    }

    /// <summary>The account whose name and password match, or null; records the sign-in time.</summary>
    public async Task<AdminUserEntity?> VerifyAsync(string userName, string password, CancellationToken cancellationToken)
    {
        var normalized = Normalize(userName.Trim());
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var user = await db.AdminUsers.FirstOrDefaultAsync(u => u.NormalizedUserName == normalized, cancellationToken);
        if (user is null)
        {
            // Hash anyway, so a wrong name takes as long as a wrong password and names cannot be probed by timing.
            Hasher.VerifyHashedPassword(DummyUser, DummyUser.PasswordHash, password);
            return null;
        }
        var result = Hasher.VerifyHashedPassword(user, user.PasswordHash, password);
        if (result == PasswordVerificationResult.Failed)
        {
            return null;
        }
        if (result == PasswordVerificationResult.SuccessRehashNeeded)
        {
            user.PasswordHash = Hasher.HashPassword(user, password);
        }
        user.LastSignInAt = timeProvider.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(cancellationToken);
        return user;
    }

    /// <summary>Whether the account still exists (a deleted account's cookie stops working).</summary>
    public async Task<bool> ExistsAsync(string id, CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        return await db.AdminUsers.AnyAsync(u => u.Id == id, cancellationToken);
    }

    /// <summary>A random password that satisfies <see cref="ValidatePassword"/>.</summary>
    public static string GeneratePassword()
        => RandomNumberGenerator.GetString("ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789", 20);

    /// <summary>Why a user name is refused, or null when it is acceptable.</summary>
    public static string? ValidateUserName(string userName)
    {
        if (string.IsNullOrWhiteSpace(userName))
        {
            return "Enter a user name.";
        }
        if (userName.Length > MaximumUserNameLength)
        {
            return $"A user name is at most {MaximumUserNameLength} characters.";
        }
        return userName.Any(char.IsControl) ? "A user name cannot contain control characters." : null;
    }

    /// <summary>Why a password is refused, or null when it is acceptable.</summary>
    public static string? ValidatePassword(string password)
        => string.IsNullOrEmpty(password) || password.Length < MinimumPasswordLength
            ? $"A password needs at least {MinimumPasswordLength} characters."
            : password.Length > 1024 ? "A password is at most 1024 characters." : null;

    /// <summary>The form a user name is compared in (account names are case-insensitive).</summary>
    internal static string Normalize(string userName) => userName.ToLowerInvariant();

    private static readonly AdminUserEntity DummyUser = CreateDummy();

    private static AdminUserEntity CreateDummy()
    {
        var user = new AdminUserEntity { Id = "", UserName = "", NormalizedUserName = "", PasswordHash = "" };
        user.PasswordHash = Hasher.HashPassword(user, GeneratePassword());
        return user;
    }
}
