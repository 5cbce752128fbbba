using Microsoft.AspNetCore.Http;

namespace Rapport.SalesforceEmulator.Auth;

/// <summary>URLs the emulator hands out; all point back at the emulator itself.</summary>
internal static class EmulatorUrls
{
    /// <summary>
    /// The instance URL is the base URL the client called, so a client configured with
    /// http://127.0.0.1:5080 as its login URL keeps talking to the same emulator.
    /// </summary>
    public static string BaseUrl(HttpRequest request) => $"{request.Scheme}://{request.Host}{request.PathBase}";

    /// <summary>The identity URL, <c>/id/{orgId}/{userId}</c>.</summary>
    public static string IdentityUrl(HttpRequest request, string orgId, string userId) => $"{BaseUrl(request)}/id/{orgId}/{userId}";
}
