namespace Rapport.SalesforceEmulator.Auth;

/// <summary>
/// The user permission names the emulator understands, as written in the config file and passed to
/// <see cref="IEmulatorSession.HasPermission(string)"/>. They mirror the Salesforce profile
/// permissions "API Enabled" and "Modify All Data".
/// </summary>
public static class EmulatorPermissions
{
    /// <summary>The user may call the REST, Bulk and Tooling APIs.</summary>
    public const string ApiEnabled = "ApiEnabled";

    /// <summary>The user may change any record and the schema (Tooling/Metadata writes).</summary>
    public const string ModifyAllData = "ModifyAllData";

    /// <summary>Every permission name a config file may use.</summary>
    public static IReadOnlyList<string> All { get; } = [ApiEnabled, ModifyAllData];

    /// <summary>Returns the canonical spelling of a permission name, matched case-insensitively.</summary>
    public static bool TryNormalize(string? name, out string permission)
    {
        foreach (var known in All)
        {
            if (string.Equals(known, name, StringComparison.OrdinalIgnoreCase))
            {
                permission = known;
                return true;
            }
        }
        permission = string.Empty;
        return false;
    }
}
