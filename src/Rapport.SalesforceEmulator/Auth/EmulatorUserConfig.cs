namespace Rapport.SalesforceEmulator.Auth;

/// <summary>One user in the emulator config file.</summary>
public sealed class EmulatorUserConfig
{
    /// <summary>The login name, in e-mail form as Salesforce requires; matched case-insensitively.</summary>
    public string Username { get; init; } = string.Empty;

    /// <summary>The password typed on the login page; the password grant appends the security token to it.</summary>
    public string Password { get; init; } = string.Empty;

    /// <summary>The security token appended to the password in the username-password flow; empty means none is needed.</summary>
    public string SecurityToken { get; init; } = string.Empty;

    /// <summary>An inactive user cannot log in, and refreshing their tokens fails with "inactive user".</summary>
    public bool Active { get; init; } = true;

    /// <summary>Permission names from <see cref="EmulatorPermissions"/>.</summary>
    public IReadOnlyList<string> Permissions { get; init; } = [];

    /// <summary>Optional first name; defaults to nothing.</summary>
    public string? FirstName { get; init; }

    /// <summary>Optional last name; defaults to the part of the username before '@'.</summary>
    public string? LastName { get; init; }

    /// <summary>Optional e-mail address; defaults to the username.</summary>
    public string? Email { get; init; }
}
