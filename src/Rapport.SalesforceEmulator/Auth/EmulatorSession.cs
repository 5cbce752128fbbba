namespace Rapport.SalesforceEmulator.Auth;

/// <summary>
/// The <see cref="IEmulatorSession"/> the guard puts on a request. Permissions are read live from
/// the directory, so taking one away affects sessions already issued, as a profile change does.
/// </summary>
internal sealed class EmulatorSession(AccessSession session, EmulatorUser user, IEmulatorDirectory directory) : IEmulatorSession
{
    public string OrganizationId => directory.OrganizationId;

    public string UserId => user.Id;

    public string Username => user.Username;

    /// <summary>The access token's granted scopes.</summary>
    public string Scope => session.Scope;

    public bool HasPermission(string permission) => (directory.FindById(user.Id) ?? user).HasPermission(permission);
}
