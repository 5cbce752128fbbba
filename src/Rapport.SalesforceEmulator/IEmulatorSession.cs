namespace Rapport.SalesforceEmulator;

/// <summary>
/// The authenticated caller of a Salesforce REST request, put on the request by the auth layer
/// (<c>HttpContext.Features.Get&lt;IEmulatorSession&gt;()</c>) before any data endpoint runs.
/// </summary>
public interface IEmulatorSession
{
    string OrganizationId { get; }
    string UserId { get; }
    string Username { get; }
    /// <summary>Permission names as in the emulator config: "ApiEnabled", "ModifyAllData", …</summary>
    bool HasPermission(string permission);
}
