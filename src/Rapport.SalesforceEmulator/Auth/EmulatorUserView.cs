namespace Rapport.SalesforceEmulator.Auth;

/// <summary>A user as the <c>/__emulator/users</c> controls show it (no secrets).</summary>
internal sealed record EmulatorUserView(string Id, string Username, string Name, string Email, bool Active, IReadOnlyList<string> Permissions)
{
    public static EmulatorUserView From(EmulatorUser user) =>
        new(user.Id, user.Username, user.Name, user.Email, user.IsActive, [.. user.Permissions.Order(StringComparer.Ordinal)]);
}
