using Rapport.SalesforceEmulator.Auth;

namespace Rapport.SalesforceEmulator.Tests.Auth.Support;

/// <summary>The connected apps and users the auth tests log in with.</summary>
public static class TestOrg
{
    public const string ClientId = "3MVG9test.client";
    public const string ClientSecret = "test-secret-1";
    public const string AutoClientId = "3MVG9auto.client";
    public const string AutoClientSecret = "auto-secret-2";
    public const string PublicClientId = "3MVG9public.client";
    public const string CallbackUrl = "http://127.0.0.1:5080/oauth/salesforce/callback";

    public const string Username = "integration@example.com";
    public const string Password = "Passw0rd!";
    public const string SecurityToken = "SECTOKEN123";
    public const string NoApiUsername = "noapi@example.com";
    public const string ReadOnlyUsername = "readonly@example.com";
    public const string InactiveUsername = "inactive@example.com";

    /// <summary>Three apps (plain, auto-approve with rotation, public PKCE) and four users.</summary>
    public static EmulatorConfig Create(int sessionTimeoutSeconds = 3600, int dailyApiRequests = 1000, string? autoLoginUsername = null) => new()
    {
        AutoLoginUsername = autoLoginUsername,
        SessionTimeoutSeconds = sessionTimeoutSeconds,
        DailyApiRequests = dailyApiRequests,
        ConnectedApps =
        [
            new EmulatorConnectedAppConfig
            {
                Name = "Rapport Test",
                ConsumerKey = ClientId,
                ConsumerSecret = ClientSecret,
                CallbackUrls = [CallbackUrl],
                ClientCredentialsUser = Username,
            },
            new EmulatorConnectedAppConfig
            {
                Name = "Auto",
                ConsumerKey = AutoClientId,
                ConsumerSecret = AutoClientSecret,
                CallbackUrls = [CallbackUrl],
                AutoApprove = true,
                RefreshTokenRotation = true,
            },
            new EmulatorConnectedAppConfig
            {
                Name = "Public PKCE client",
                ConsumerKey = PublicClientId,
                ConsumerSecret = "unused-secret",
                CallbackUrls = [CallbackUrl],
                RequireSecret = false,
            },
        ],
        Users =
        [
            new EmulatorUserConfig
            {
                Username = Username,
                Password = Password,
                SecurityToken = SecurityToken,
                FirstName = "Ida",
                LastName = "Integration",
                Email = "ida@example.com",
                Permissions = [EmulatorPermissions.ApiEnabled, EmulatorPermissions.ModifyAllData],
            },
            new EmulatorUserConfig { Username = NoApiUsername, Password = Password, Permissions = [] },
            new EmulatorUserConfig { Username = ReadOnlyUsername, Password = Password, Permissions = [EmulatorPermissions.ApiEnabled] },
            new EmulatorUserConfig { Username = InactiveUsername, Password = Password, Active = false, Permissions = [EmulatorPermissions.ApiEnabled] },
        ],
    };
}
