namespace Rapport.Data.Entities;

/// <summary>A person who signs in to the admin console. Only the password's hash is stored.</summary>
public sealed class AdminUserEntity
{
    public required string Id { get; set; }

    /// <summary>The name typed at sign-in, as created.</summary>
    public required string UserName { get; set; }

    /// <summary>The name in lower case (invariant), unique: "Admin" and "admin" are one account.</summary>
    public required string NormalizedUserName { get; set; }

    /// <summary>ASP.NET Core Identity's PBKDF2 hash format (version marker, salt, iteration count, subkey).</summary>
    public required string PasswordHash { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime? LastSignInAt { get; set; }
}
