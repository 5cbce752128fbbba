namespace Rapport.SalesforceEmulator.Auth;

/// <summary>The parameters of <c>/services/oauth2/authorize</c>, carried through the login page as hidden fields.</summary>
internal sealed record AuthorizeRequest(
    string? ResponseType,
    string? ClientId,
    string? RedirectUri,
    string? State,
    string? Scope,
    string? CodeChallenge,
    string? CodeChallengeMethod,
    string? LoginHint,
    string? Prompt)
{
    public static AuthorizeRequest From(FormParameters parameters) => new(
        parameters.Get("response_type"),
        parameters.Get("client_id"),
        parameters.Get("redirect_uri"),
        parameters.Get("state"),
        parameters.Get("scope"),
        parameters.Get("code_challenge"),
        parameters.Get("code_challenge_method"),
        parameters.Get("login_hint"),
        parameters.Get("prompt"));

    /// <summary>The fields the page posts back, so the POST sees the same request.</summary>
    public IEnumerable<KeyValuePair<string, string>> HiddenFields()
    {
        var fields = new (string Name, string? Value)[]
        {
            ("response_type", ResponseType), ("client_id", ClientId), ("redirect_uri", RedirectUri), ("state", State),
            ("scope", Scope), ("code_challenge", CodeChallenge), ("code_challenge_method", CodeChallengeMethod),
        };
        foreach (var (name, value) in fields)
        {
            if (value is not null)
            {
                yield return new(name, value);
            }
        }
    }
}
