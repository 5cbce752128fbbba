using Rapport.Data.Entities;
using Rapport.Salesforce.Auth;

namespace Rapport.Server.Integrations;

/// <summary>Turns a connection row into what the admin API shows: settings and state, never a secret or token.</summary>
public static class SalesforceConnectionMapper
{
    /// <summary>The response for <paramref name="row"/>, or the "not configured" answer (with the callback URL) when there is none.</summary>
    public static SalesforceConnectionResponse ToResponse(SalesforceConnectionEntity? row, Uri callback)
    {
        if (row is null)
        {
            return new SalesforceConnectionResponse(false, null, callback.ToString(), null, null, false, null, false, null, null, null, false,
                null, null, null, null, null, null);
        }
        var loginUrl = SalesforceLoginHosts.Resolve(row.LoginHost, row.Sandbox).ToString().TrimEnd('/');
        var lastCheck = row.LastCheckAt is { } at
            ? new SalesforceLastCheck(Utc(at), row.LastCheckSucceeded == true, row.LastCheckFailure, row.LastCheckMessage)
            : null;
        return new SalesforceConnectionResponse(true, row.State.ToString().ToLowerInvariant(), callback.ToString(), loginUrl, row.LoginHost, row.Sandbox,
            row.ConsumerKey, row.ConsumerSecretProtected is not null, row.ApiVersion, row.AuthFlow == SalesforceAuthFlow.Password ? "password" : "webServer",
            row.PasswordUsername, row.AccessTokenProtected is not null, row.OrganizationId, row.UserId, row.Username, row.InstanceUrl,
            row.ConnectedAt is { } connected ? Utc(connected) : null, lastCheck);
    }

    private static DateTimeOffset Utc(DateTime value) => new(DateTime.SpecifyKind(value, DateTimeKind.Utc));
}
