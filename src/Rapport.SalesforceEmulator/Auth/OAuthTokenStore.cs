using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace Rapport.SalesforceEmulator.Auth;

/// <summary>
/// In-memory access tokens, refresh tokens, authorization codes and browser logins. Tokens are
/// opaque random strings shaped like Salesforce's (an access token starts with the 15-character
/// org id and '!', which some clients parse).
/// </summary>
internal sealed class OAuthTokenStore
{
    /// <summary>"The authorization code is valid for 15 minutes" (OAuth 2.0 Web Server Flow).</summary>
    public static readonly TimeSpan CodeLifetime = TimeSpan.FromMinutes(15);

    private readonly ConcurrentDictionary<string, AccessSession> _sessions = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, RefreshGrant> _refreshTokens = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, AuthorizationCode> _codes = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> _browserLogins = new(StringComparer.Ordinal);
    private readonly TimeProvider _clock;
    private readonly string _org15;

    public OAuthTokenStore(TimeProvider clock, IEmulatorDirectory directory, EmulatorConfig config)
    {
        _clock = clock;
        _org15 = directory.OrganizationId[..15];
        SessionTimeout = TimeSpan.FromSeconds(config.SessionTimeoutSeconds);
    }

    public TimeSpan SessionTimeout { get; }

    public AccessSession IssueAccessToken(string userId, string consumerKey, string scope, string? grantId)
    {
        var now = _clock.GetUtcNow();
        var session = new AccessSession
        {
            Token = _org15 + "!" + RandomToken(96, "._"),
            UserId = userId,
            ConsumerKey = consumerKey,
            Scope = scope,
            GrantId = grantId,
            IssuedAt = now,
            ExpiresAt = now + SessionTimeout,
        };
        _sessions[session.Token] = session;
        return session;
    }

    /// <summary>
    /// Finds a live session. Salesforce's timeout counts inactivity: a session used in the second
    /// half of its timeout window is extended by a full window (Session Settings, "Timeout value").
    /// </summary>
    public bool TryGetSession(string token, out AccessSession session)
    {
        if (!_sessions.TryGetValue(token, out session!))
        {
            return false;
        }
        var now = _clock.GetUtcNow();
        if (now >= session.ExpiresAt)
        {
            _sessions.TryRemove(token, out _);
            return false;
        }
        if (session.ExpiresAt - now < SessionTimeout / 2)
        {
            session.ExpiresAt = now + SessionTimeout;
        }
        return true;
    }

    public RefreshGrant IssueRefreshToken(string userId, string consumerKey, string scope, string? grantId = null)
    {
        var grant = new RefreshGrant("5Aep861" + RandomToken(80, "._"), grantId ?? RandomToken(16, string.Empty), userId, consumerKey, scope);
        _refreshTokens[grant.Token] = grant;
        return grant;
    }

    public bool TryGetRefreshToken(string token, out RefreshGrant grant) => _refreshTokens.TryGetValue(token, out grant!);

    /// <summary>Retires a refresh token without touching its sessions (rotation).</summary>
    public void RetireRefreshToken(string token) => _refreshTokens.TryRemove(token, out _);

    /// <summary>
    /// "If a refresh token is included, Salesforce revokes it and any associated access tokens"
    /// (Revoking OAuth Tokens). An access token is revoked alone.
    /// </summary>
    public bool Revoke(string token)
    {
        if (_refreshTokens.TryRemove(token, out var grant))
        {
            EndSessions(s => s.GrantId == grant.GrantId);
            return true;
        }
        return _sessions.TryRemove(token, out _);
    }

    /// <summary>Revokes every refresh token (of one user, when given) and the sessions issued from them.</summary>
    public int RevokeRefreshTokens(string? userId)
    {
        var revoked = 0;
        foreach (var grant in _refreshTokens.Values)
        {
            if ((userId is null || grant.UserId == userId) && Revoke(grant.Token))
            {
                revoked++;
            }
        }
        return revoked;
    }

    public int ExpireAllSessions() => EndSessions(_ => true);

    /// <summary>A deactivated user's sessions end at once, as in Salesforce.</summary>
    public int EndSessionsOf(string userId)
    {
        var ended = EndSessions(s => s.UserId == userId);
        foreach (var (cookie, user) in _browserLogins)
        {
            if (user == userId)
            {
                _browserLogins.TryRemove(cookie, out _);
            }
        }
        return ended;
    }

    public AuthorizationCode IssueCode(string consumerKey, string redirectUri, string userId, string scope, string? codeChallenge)
    {
        var code = new AuthorizationCode(
            "aPrx" + RandomToken(60, string.Empty),
            consumerKey,
            redirectUri,
            userId,
            scope,
            codeChallenge,
            _clock.GetUtcNow() + CodeLifetime);
        _codes[code.Code] = code;
        return code;
    }

    /// <summary>Takes a code out of the store: a code works once, whether or not the exchange succeeds.</summary>
    public AuthorizationCode? RedeemCode(string code) => _codes.TryRemove(code, out var found) ? found : null;

    public string CreateBrowserLogin(string userId)
    {
        var cookie = RandomToken(40, string.Empty);
        _browserLogins[cookie] = userId;
        return cookie;
    }

    public string? FindBrowserLogin(string? cookie) =>
        cookie is not null && _browserLogins.TryGetValue(cookie, out var userId) ? userId : null;

    private int EndSessions(Func<AccessSession, bool> which)
    {
        var ended = 0;
        foreach (var session in _sessions.Values)
        {
            if (which(session) && _sessions.TryRemove(session.Token, out _))
            {
                ended++;
            }
        }
        return ended;
    }

    private static string RandomToken(int length, string extra) =>
        RandomNumberGenerator.GetString(TokenAlphabet.AlphaNumeric + extra, length);
}
