using Rapport.Salesforce.Auth;
using Rapport.Salesforce.Diagnostics;

namespace Rapport.Salesforce.Http;

/// <summary>
/// One connection's live state: its options, the current tokens, the single-flight refresh, the
/// run's call counter and the latest API usage. Handlers find it on each request.
/// </summary>
internal sealed class SalesforceSession(
    SalesforceConnectionOptions options,
    ISalesforceTokenStore store,
    SalesforceOAuthClient oauth,
    ApiCallCounter calls) : IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private SalesforceTokenSet? _current;
    private ApiUsage? _usage;

    public SalesforceConnectionOptions Options { get; } = options;

    public ApiCallCounter Calls { get; } = calls;

    public ApiUsage? LatestUsage => _usage;

    public void ReportUsage(ApiUsage usage) => _usage = usage;

    /// <summary>
    /// The tokens to send now: cached, else loaded from the store, else (integration users) a
    /// fresh password login.
    /// </summary>
    public async ValueTask<SalesforceTokenSet> GetTokensAsync(CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref _current) is { } current)
        {
            return current;
        }
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (_current is not null)
            {
                return _current;
            }
            var loaded = await store.LoadAsync(cancellationToken);
            if (loaded is null)
            {
                if (!Options.HasPasswordCredentials)
                {
                    throw new SalesforceAuthException("not_connected", "the connection has no tokens; establish it first", null);
                }
                loaded = await ObtainAsync(null, cancellationToken);
            }
            Volatile.Write(ref _current, loaded);
            return loaded;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// Replaces a session Salesforce rejected. Serialised: concurrent callers that saw the same
    /// stale token wait for one refresh and all get its result, instead of each spending a token
    /// request (and, with refresh token rotation, invalidating each other's refresh tokens).
    /// </summary>
    public async Task<SalesforceTokenSet> RefreshAsync(string staleAccessToken, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            var current = _current ?? await store.LoadAsync(cancellationToken);
            if (current is not null && !string.Equals(current.AccessToken, staleAccessToken, StringComparison.Ordinal))
            {
                Volatile.Write(ref _current, current);
                return current;
            }
            var fresh = await ObtainAsync(current, cancellationToken);
            Volatile.Write(ref _current, fresh);
            return fresh;
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<SalesforceTokenSet> ObtainAsync(SalesforceTokenSet? current, CancellationToken cancellationToken)
    {
        Calls.Increment(SalesforceEndpointKind.OAuth);
        // A refresh token wins; the username-password flow has none, so integration users log in again.
        var fresh = current?.RefreshToken is not null
            ? await oauth.RefreshAsync(Options, current, cancellationToken)
            : Options.HasPasswordCredentials
                ? await oauth.LoginWithPasswordAsync(Options, cancellationToken)
                : throw new SalesforceAuthException("invalid_grant", "the session expired and there is no refresh token or password to renew it", null);
        await store.SaveAsync(fresh, cancellationToken);
        return fresh;
    }

    public void Dispose() => _gate.Dispose();
}
