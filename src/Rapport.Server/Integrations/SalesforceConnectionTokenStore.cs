using Microsoft.EntityFrameworkCore;
using Rapport.Data;
using Rapport.Data.Entities;
using Rapport.Salesforce.Auth;

namespace Rapport.Server.Integrations;

/// <summary>
/// The tokens of one connection row, encrypted at rest. The Salesforce client saves every refreshed
/// or rotated set through it, so a rotated refresh token survives a restart and is seen by every node.
/// </summary>
public sealed class SalesforceConnectionTokenStore(
    IDbContextFactory<RapportDbContext> contexts, SalesforceSecretProtector protector, TimeProvider time, string connectionId) : ISalesforceTokenStore
{
    public async ValueTask<SalesforceTokenSet?> LoadAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var row = await db.SalesforceConnections.AsNoTracking().SingleOrDefaultAsync(c => c.Id == connectionId, cancellationToken);
        return row is null ? null : Read(row, protector);
    }

    public async ValueTask SaveAsync(SalesforceTokenSet tokens, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var row = await db.SalesforceConnections.SingleOrDefaultAsync(c => c.Id == connectionId, cancellationToken)
            ?? throw new InvalidOperationException($"The Salesforce connection {connectionId} was removed while in use.");
        Apply(row, tokens, protector);
        row.UpdatedAt = time.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>The stored tokens, or null when the connection has never been established (or was deactivated).</summary>
    public static SalesforceTokenSet? Read(SalesforceConnectionEntity row, SalesforceSecretProtector protector)
    {
        if (protector.Unprotect(row.AccessTokenProtected) is not { } accessToken || !Uri.TryCreate(row.InstanceUrl, UriKind.Absolute, out var instance))
        {
            return null;
        }
        return new SalesforceTokenSet
        {
            AccessToken = accessToken,
            RefreshToken = protector.Unprotect(row.RefreshTokenProtected),
            InstanceUrl = instance,
            IdentityUrl = Uri.TryCreate(row.IdentityUrl, UriKind.Absolute, out var identity) ? identity : null,
            IssuedAt = row.TokenIssuedAt is { } issued ? new DateTimeOffset(DateTime.SpecifyKind(issued, DateTimeKind.Utc)) : default,
        };
    }

    /// <summary>Copies tokens onto the row, encrypting them.</summary>
    public static void Apply(SalesforceConnectionEntity row, SalesforceTokenSet tokens, SalesforceSecretProtector protector)
    {
        row.AccessTokenProtected = protector.Protect(tokens.AccessToken);
        row.RefreshTokenProtected = protector.Protect(tokens.RefreshToken);
        row.InstanceUrl = tokens.InstanceUrl.ToString().TrimEnd('/');
        row.IdentityUrl = tokens.IdentityUrl?.ToString();
        row.TokenIssuedAt = tokens.IssuedAt == default ? null : tokens.IssuedAt.UtcDateTime;
        row.OrganizationId = tokens.OrganizationId ?? row.OrganizationId;
        row.UserId = tokens.UserId ?? row.UserId;
    }

    /// <summary>Forgets the tokens (deactivation): nothing can call Salesforce until the connection is established again.</summary>
    public static void Clear(SalesforceConnectionEntity row)
    {
        row.AccessTokenProtected = null;
        row.RefreshTokenProtected = null;
        row.TokenIssuedAt = null;
    }
}
