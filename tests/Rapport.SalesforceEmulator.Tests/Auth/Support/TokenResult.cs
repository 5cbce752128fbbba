using System.Net;
using System.Text.Json;

namespace Rapport.SalesforceEmulator.Tests.Auth.Support;

/// <summary>A token endpoint answer: status and the parsed JSON body.</summary>
public sealed record TokenResult(HttpStatusCode Status, JsonElement Body)
{
    public string AccessToken => Body.GetProperty("access_token").GetString()!;

    public string? RefreshToken => Body.TryGetProperty("refresh_token", out var value) ? value.GetString() : null;

    public string? Error => Body.TryGetProperty("error", out var value) ? value.GetString() : null;

    public string? ErrorDescription => Body.TryGetProperty("error_description", out var value) ? value.GetString() : null;
}
