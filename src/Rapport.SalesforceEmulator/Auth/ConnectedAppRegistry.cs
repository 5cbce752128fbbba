using System.Security.Cryptography;
using System.Text;

namespace Rapport.SalesforceEmulator.Auth;

/// <summary>The configured connected apps, by consumer key.</summary>
internal sealed class ConnectedAppRegistry(EmulatorConfig config)
{
    private readonly Dictionary<string, EmulatorConnectedAppConfig> _apps =
        config.ConnectedApps.ToDictionary(a => a.ConsumerKey, StringComparer.Ordinal);

    public EmulatorConnectedAppConfig? Find(string? consumerKey) =>
        consumerKey is not null && _apps.TryGetValue(consumerKey, out var app) ? app : null;

    public static bool SecretMatches(EmulatorConnectedAppConfig app, string? secret) =>
        secret is not null && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(app.ConsumerSecret), Encoding.UTF8.GetBytes(secret));
}
