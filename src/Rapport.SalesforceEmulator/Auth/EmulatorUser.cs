namespace Rapport.SalesforceEmulator.Auth;

/// <summary>
/// A snapshot of one org user, as the <c>User</c> sObject and the identity URL show it. The
/// directory replaces the snapshot when a test control changes the user.
/// </summary>
/// <param name="Id">18-character id with key prefix 005.</param>
/// <param name="Username">Login name in e-mail form.</param>
/// <param name="FirstName">First name, if any.</param>
/// <param name="LastName">Last name (required on the User object).</param>
/// <param name="Email">E-mail address.</param>
/// <param name="IsActive">Whether the user may log in.</param>
/// <param name="Permissions">Granted permission names (<see cref="EmulatorPermissions"/>).</param>
public sealed record EmulatorUser(
    string Id,
    string Username,
    string? FirstName,
    string LastName,
    string Email,
    bool IsActive,
    IReadOnlySet<string> Permissions)
{
    /// <summary>"First Last", as the User object's Name field and the identity URL's display_name.</summary>
    public string Name => string.IsNullOrEmpty(FirstName) ? LastName : $"{FirstName} {LastName}";

    /// <summary>Whether the user holds a permission (case-insensitive name).</summary>
    public bool HasPermission(string permission) => Permissions.Contains(permission);
}
