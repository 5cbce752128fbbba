using System.Net.Sockets;
using System.Runtime.CompilerServices;
using Rapport.Salesforce.Auth;
using Rapport.Salesforce.Http;
using Rapport.Sync.Connectors;

namespace Rapport.Salesforce.Sync;

/// <summary>
/// Turns the Salesforce client's exceptions into <see cref="CrmException"/>s the sync engine acts
/// on (retry, stop cleanly, or fail with a remedy). Every connector call goes through here, so a
/// failure class is decided in one place.
/// </summary>
public static class SalesforceCrmFailures
{
    /// <summary>The classified exception, or null when <paramref name="exception"/> is not a Salesforce or network failure (a bug: let it surface).</summary>
    public static CrmException? Classify(Exception exception, CancellationToken cancellationToken = default) => exception switch
    {
        CrmException crm => crm,
        SalesforceAuthException auth => FromAuth(auth),
        SalesforceApiException api => FromApi(api),
        // A cancellation the caller asked for is not a failure; one the caller did not ask for is a timeout.
        OperationCanceledException when cancellationToken.IsCancellationRequested => null,
        HttpRequestException or SocketException or TimeoutException or OperationCanceledException
            or Polly.Timeout.TimeoutRejectedException or Polly.CircuitBreaker.BrokenCircuitException =>
            new CrmException(CrmFailureKind.Transient, $"Salesforce could not be reached ({exception.GetBaseException().Message}). {SalesforceRemedies.Network}", null, exception),
        _ => null,
    };

    /// <summary>Runs <paramref name="call"/>, rethrowing Salesforce failures as <see cref="CrmException"/>.</summary>
    public static async Task<T> GuardAsync<T>(Func<Task<T>> call, CancellationToken cancellationToken)
    {
        try
        {
            return await call();
        }
        catch (Exception exception) when (exception is not CrmException && Classify(exception, cancellationToken) is { } crm)
        {
            throw crm;
        }
    }

    /// <summary>Runs <paramref name="call"/>, rethrowing Salesforce failures as <see cref="CrmException"/>.</summary>
    public static async Task GuardAsync(Func<Task> call, CancellationToken cancellationToken)
    {
        try
        {
            await call();
        }
        catch (Exception exception) when (exception is not CrmException && Classify(exception, cancellationToken) is { } crm)
        {
            throw crm;
        }
    }

    /// <summary>Streams <paramref name="source"/>, rethrowing Salesforce failures as <see cref="CrmException"/>.</summary>
    public static async IAsyncEnumerable<T> GuardAsync<T>(IAsyncEnumerable<T> source, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var enumerator = source.GetAsyncEnumerator(cancellationToken);
        while (true)
        {
            bool more;
            try
            {
                more = await enumerator.MoveNextAsync();
            }
            catch (Exception exception) when (exception is not CrmException && Classify(exception, cancellationToken) is { } crm)
            {
                throw crm;
            }
            if (!more)
            {
                yield break;
            }
            yield return enumerator.Current;
        }
    }

    private static CrmException FromAuth(SalesforceAuthException auth)
    {
        if (auth.StatusCode is { } status && (int)status >= 500)
        {
            return new CrmException(CrmFailureKind.Transient, $"Salesforce's login service answered {(int)status}. {SalesforceRemedies.ServerError}", auth.Error, auth);
        }
        var (what, remedy) = auth switch
        {
            { IsRefreshTokenExpired: true } => ($"Error refreshing Salesforce OAuth token: {auth.ErrorDescription}.", SalesforceRemedies.RefreshTokenExpired),
            { IsInactiveUser: true } => ("Error refreshing Salesforce OAuth token: inactive user.", SalesforceRemedies.InactiveUser),
            { IsAuthenticationFailure: true } => ("Salesforce refused the username, password or security token.", SalesforceRemedies.AuthenticationFailure),
            _ => ($"Salesforce answered {auth.Error}: {auth.ErrorDescription}.", SalesforceRemedies.Reconnect),
        };
        return new CrmException(CrmFailureKind.AuthenticationFailed, $"{what} {remedy}", auth.Error, auth);
    }

    private static CrmException FromApi(SalesforceApiException api)
    {
        var reported = $"{api.ErrorCode}: {api.SalesforceMessage}";
        if (api.IsRequestLimitExceeded)
        {
            return new CrmException(CrmFailureKind.RequestLimitExceeded, $"{reported} {SalesforceRemedies.RequestLimitExceeded}", api.ErrorCode, api);
        }
        if (api.IsInsufficientAccess)
        {
            return new CrmException(CrmFailureKind.InsufficientAccess, $"{reported} {SalesforceRemedies.InsufficientAccess}", api.ErrorCode, api);
        }
        if (api.HasCode("INVALID_FIELD") || api.HasCode("INVALID_TYPE") || api.HasCode("NOT_FOUND") || api.HasCode("INVALID_FIELD_FOR_INSERT_UPDATE"))
        {
            return new CrmException(CrmFailureKind.Configuration,
                $"{reported} Check that the object and field names in the mappings exist and are visible to the integration user (field-level security), or remove the mapping.", api.ErrorCode, api);
        }
        if (api.IsSessionExpired)
        {
            // The client already refreshed and replayed once; a second refusal means the grant is gone.
            return new CrmException(CrmFailureKind.AuthenticationFailed, $"Salesforce did not accept the session ({reported}). {SalesforceRemedies.Reconnect}", api.ErrorCode, api);
        }
        if (api.IsTransient)
        {
            return new CrmException(CrmFailureKind.Transient, $"Salesforce answered {(int)api.StatusCode} {reported}. {SalesforceRemedies.ServerError}", api.ErrorCode, api);
        }
        return new CrmException(CrmFailureKind.Unknown, $"Salesforce answered {(int)api.StatusCode} {reported}.", api.ErrorCode, api);
    }
}
