namespace Rapport.SalesforceEmulator.Auth;

/// <summary>
/// The org and its users, for the data side (the <c>User</c> sObject, <c>OwnerId</c> defaults)
/// and the identity URL. Registered as a singleton by <c>AddEmulatorAuth</c>.
/// </summary>
public interface IEmulatorDirectory
{
    /// <summary>The org's 18-character id (key prefix 00D).</summary>
    string OrganizationId { get; }

    /// <summary>The org's display name.</summary>
    string OrganizationName { get; }

    /// <summary>Every user, active or not, in id order.</summary>
    IReadOnlyList<EmulatorUser> Users { get; }

    /// <summary>Finds a user by a 15- or 18-character id.</summary>
    EmulatorUser? FindById(string id);

    /// <summary>Finds a user by username, case-insensitively as Salesforce logins are.</summary>
    EmulatorUser? FindByUsername(string username);
}
