namespace Rapport.SalesforceEmulator.Data;

/// <summary>Fixed ids and names of the org's built-in profiles and their permission sets.</summary>
public static class OrgDefaults
{
    /// <summary>The profile of users with Modify All Data.</summary>
    public const string AdminProfile = "System Administrator";

    /// <summary>The profile of every other user.</summary>
    public const string StandardProfile = "Standard User";

    /// <summary>The id of the permission set owned by a profile (<c>IsOwnedByProfile = true</c>).</summary>
    public static string ProfilePermissionSetId(bool admin) => SalesforceId.Create("0PS", admin ? 1 : 2);
}
