using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Rapport.Data;
using Rapport.Data.Entities;
using Rapport.Salesforce;
using Rapport.Salesforce.Auth;
using Rapport.Salesforce.Rest;

namespace Rapport.Server.Integrations;

/// <summary>
/// What the connection endpoints share: the database, the protector, the Salesforce client factory
/// and the clock, plus the steps used by more than one endpoint (options from a row, establishing).
/// </summary>
public sealed class SalesforceConnections(
    IDbContextFactory<RapportDbContext> contexts, SalesforceSecretProtector protector, ISalesforceClientFactory clients,
    TimeProvider time, IConfiguration configuration, ILogger<SalesforceConnections> logger)
{
    public const string CallbackPath = "/oauth/salesforce/callback";

    /// <summary>How long an admin has to approve in Salesforce before the state is refused.</summary>
    public static readonly TimeSpan PendingLifetime = TimeSpan.FromMinutes(10);

    public IDbContextFactory<RapportDbContext> Contexts => contexts;
    public SalesforceSecretProtector Protector => protector;
    public ISalesforceClientFactory Clients => clients;
    public TimeProvider Time => time;
    public ILogger Logger => logger;

    public DateTime UtcNow => time.GetUtcNow().UtcDateTime;

    /// <summary>
    /// The callback URL to paste into the connected app: <c>Rapport:PublicUrl</c> when set (behind a
    /// proxy the request's host is not what browsers use), otherwise the request's own origin.
    /// </summary>
    public Uri CallbackUrl(HttpRequest request) => CallbackUrl(configuration["Rapport:PublicUrl"], request);

    /// <summary>The callback URL for a configured public URL (may be empty) and the current request.</summary>
    public static Uri CallbackUrl(string? publicUrl, HttpRequest request)
    {
        var origin = string.IsNullOrWhiteSpace(publicUrl)
            ? $"{request.Scheme}://{request.Host}{request.PathBase}"
            : publicUrl.Trim().TrimEnd('/');
        return new Uri(origin + CallbackPath);
    }

    public SalesforceConnectionOptions Options(SalesforceConnectionEntity row)
    {
        var password = row.AuthFlow == SalesforceAuthFlow.Password;
        return new SalesforceConnectionOptions
        {
            LoginUrl = SalesforceLoginHosts.Resolve(row.LoginHost, row.Sandbox),
            ConsumerKey = row.ConsumerKey,
            ConsumerSecret = protector.Unprotect(row.ConsumerSecretProtected),
            ApiVersion = row.ApiVersion,
            Username = password ? row.PasswordUsername : null,
            Password = password ? protector.Unprotect(row.PasswordProtected) : null,
            SecurityToken = password ? protector.Unprotect(row.SecurityTokenProtected) : null,
        };
    }

    /// <summary>A client that loads and saves the row's tokens (encrypted) as it refreshes them.</summary>
    public SalesforceClient Client(SalesforceConnectionEntity row, SalesforceDescribeCache? describes = null)
        => clients.Create(Options(row), new SalesforceConnectionTokenStore(contexts, protector, time, row.Id), describes: describes);

    /// <summary>
    /// Stores fresh tokens and the identity they belong to on a tracked row. A deactivated connection
    /// comes back paused; an active one stays active (reconnecting after an expired token resumes it).
    /// </summary>
    public async Task EstablishAsync(SalesforceConnectionEntity row, SalesforceTokenSet tokens, CancellationToken cancellationToken)
    {
        var store = new InMemorySalesforceTokenStore(tokens);
        SalesforceIdentity identity;
        using (var client = clients.Create(Options(row), store))
        {
            identity = await client.GetIdentityAsync(cancellationToken);
        }
        SalesforceConnectionTokenStore.Apply(row, store.Current ?? tokens, protector);
        row.OrganizationId = identity.OrganizationId ?? row.OrganizationId;
        row.UserId = identity.UserId ?? row.UserId;
        row.Username = identity.Username;
        row.ConnectedAt = UtcNow;
        if (row.State == SalesforceConnectionState.Deactivated)
        {
            row.State = SalesforceConnectionState.Paused;
        }
        RecordCheck(row, null, $"Connected to org {row.OrganizationId} as {row.Username}.");
    }

    public void RecordCheck(SalesforceConnectionEntity row, SalesforceFailure? failure, string? message = null)
    {
        row.LastCheckAt = UtcNow;
        row.LastCheckSucceeded = failure is null;
        row.LastCheckFailure = failure?.Code;
        row.LastCheckMessage = failure?.Detail ?? message;
        row.UpdatedAt = UtcNow;
    }

    public static void ClearPending(SalesforceConnectionEntity row)
    {
        row.PendingStateHash = null;
        row.PendingCodeVerifierProtected = null;
        row.PendingRedirectUri = null;
        row.PendingExpiresAt = null;
    }

    /// <summary>The state is looked up by hash so the database never holds a usable callback parameter.</summary>
    public static string HashState(string state) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(state)));

    /// <summary>Revokes the refresh token, best-effort: a connection must be deactivatable even when Salesforce is unreachable.</summary>
    public async Task RevokeBestEffortAsync(SalesforceConnectionEntity row, CancellationToken cancellationToken)
    {
        var token = protector.Unprotect(row.RefreshTokenProtected) ?? protector.Unprotect(row.AccessTokenProtected);
        if (token is null)
        {
            return;
        }
        try
        {
            await clients.CreateOAuthClient().RevokeAsync(Options(row), token, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning("Revoking the Salesforce token of connection {ConnectionId} failed: {Message}", row.Id, ex.Message);
        }
    }
}
