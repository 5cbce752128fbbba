using Rapport.SalesforceEmulator.Auth;
using Rapport.SalesforceEmulator.Data;

namespace Rapport.SalesforceEmulator.Rest;

/// <summary>
/// Object-level write access. Permission sets, their assignments and field permissions are
/// security setup: in a real org changing them needs "Manage Profiles and Permission Sets", which
/// the emulator grants with Modify All Data, so a standard user cannot grant itself field access.
/// </summary>
internal static class ObjectAccess
{
    public static SalesforceError? CheckWrite(RestRequest request, ObjectDefinition definition, string verb)
    {
        if (definition.Name is "PermissionSet" or "PermissionSetAssignment" or "FieldPermissions"
            && !request.Session.HasPermission(EmulatorPermissions.ModifyAllData))
        {
            return new SalesforceError("INSUFFICIENT_ACCESS_OR_READONLY", $"insufficient access rights to {verb} {definition.Name}");
        }
        return null;
    }
}
