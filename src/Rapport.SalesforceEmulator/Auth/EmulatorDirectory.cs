using System.Collections.Frozen;

namespace Rapport.SalesforceEmulator.Auth;

/// <summary>
/// The mutable user store behind <see cref="IEmulatorDirectory"/>: test controls deactivate users
/// and take permissions away while requests read snapshots.
/// </summary>
internal sealed class EmulatorDirectory : IEmulatorDirectory
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, string> _passwords = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _securityTokens = new(StringComparer.Ordinal);
    private EmulatorUser[] _users;

    public EmulatorDirectory(EmulatorConfig config)
    {
        OrganizationId = SalesforceId.Create("00D", 1);
        OrganizationName = config.OrganizationName ?? "Rapport Emulator";
        _users = new EmulatorUser[config.Users.Count];
        for (var i = 0; i < config.Users.Count; i++)
        {
            var source = config.Users[i];
            var id = SalesforceId.Create("005", i + 1);
            var permissions = source.Permissions
                .Select(p => EmulatorPermissions.TryNormalize(p, out var known) ? known : p)
                .ToFrozenSet(StringComparer.OrdinalIgnoreCase);
            _users[i] = new EmulatorUser(
                id,
                source.Username,
                source.FirstName,
                source.LastName ?? source.Username.Split('@')[0],
                source.Email ?? source.Username,
                source.Active,
                permissions);
            _passwords[id] = source.Password;
            _securityTokens[id] = source.SecurityToken ?? string.Empty;
        }
    }

    public string OrganizationId { get; }

    public string OrganizationName { get; }

    public IReadOnlyList<EmulatorUser> Users
    {
        get
        {
            lock (_gate)
            {
                return _users;
            }
        }
    }

    public EmulatorUser? FindById(string id)
    {
        if (!SalesforceId.TryNormalize(id, out var id18))
        {
            return null;
        }
        return Users.FirstOrDefault(u => u.Id == id18);
    }

    public EmulatorUser? FindByUsername(string username) =>
        Users.FirstOrDefault(u => string.Equals(u.Username, username, StringComparison.OrdinalIgnoreCase));

    /// <summary>Finds a user by id or username, the two ways test controls name a user.</summary>
    public EmulatorUser? Find(string idOrUsername) => FindByUsername(idOrUsername) ?? FindById(idOrUsername);

    /// <summary>The login page check: the password alone.</summary>
    public bool CheckPassword(EmulatorUser user, string? password) =>
        password is not null && FixedTimeEquals(_passwords[user.Id], password);

    /// <summary>
    /// The username-password flow check: "the user's password appended with the security token"
    /// (Salesforce help, OAuth 2.0 Username-Password Flow). A user without a token logs in with the
    /// password alone, as from a trusted IP range.
    /// </summary>
    public bool CheckPasswordAndToken(EmulatorUser user, string? passwordAndToken) =>
        passwordAndToken is not null && FixedTimeEquals(_passwords[user.Id] + _securityTokens[user.Id], passwordAndToken);

    /// <summary>Replaces a user's snapshot; returns the new one or null when the user is unknown.</summary>
    public EmulatorUser? Update(string userId, Func<EmulatorUser, EmulatorUser> change)
    {
        lock (_gate)
        {
            var index = Array.FindIndex(_users, u => u.Id == userId);
            if (index < 0)
            {
                return null;
            }
            var copy = (EmulatorUser[])_users.Clone();
            copy[index] = change(copy[index]);
            _users = copy;
            return copy[index];
        }
    }

    private static bool FixedTimeEquals(string expected, string actual) =>
        System.Security.Cryptography.CryptographicOperations.FixedTimeEquals(
            System.Text.Encoding.UTF8.GetBytes(expected),
            System.Text.Encoding.UTF8.GetBytes(actual));
}
