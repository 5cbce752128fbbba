namespace Rapport.SalesforceEmulator.Auth;

/// <summary>An issued access token ("session id" in Salesforce terms).</summary>
internal sealed class AccessSession
{
    public required string Token { get; init; }

    public required string UserId { get; init; }

    public required string ConsumerKey { get; init; }

    public required string Scope { get; init; }

    /// <summary>The authorization this session came from; revoking its refresh token ends the session too.</summary>
    public string? GrantId { get; init; }

    public required DateTimeOffset IssuedAt { get; init; }

    /// <summary>
    /// Moved forward when the session is used (see <see cref="OAuthTokenStore.TryGetSession"/>).
    /// Kept as UTC ticks so concurrent requests on one token never read a torn value.
    /// </summary>
    public DateTimeOffset ExpiresAt
    {
        get => new(Volatile.Read(ref _expiresAtTicks), TimeSpan.Zero);
        set => Volatile.Write(ref _expiresAtTicks, value.UtcTicks);
    }

    private long _expiresAtTicks;
}
