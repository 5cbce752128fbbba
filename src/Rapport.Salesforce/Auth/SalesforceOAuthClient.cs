using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Rapport.Salesforce.Http;

namespace Rapport.Salesforce.Auth;

/// <summary>
/// The OAuth 2.0 endpoints of a login host (<c>/services/oauth2/authorize|token|revoke</c>):
/// the web server flow with PKCE, the refresh token flow, the username-password flow and
/// revocation. A typed <see cref="HttpClient"/>; it holds no per-connection state.
/// </summary>
public sealed class SalesforceOAuthClient(HttpClient http, TimeProvider time)
{
    /// <summary>
    /// Builds the authorize URL of the web server flow (<c>response_type=code</c>) with a fresh
    /// <c>state</c> and a PKCE S256 challenge.
    /// </summary>
    public static SalesforceAuthorization BeginAuthorization(SalesforceConnectionOptions options, Uri redirectUri,
        string? scope = null, string? loginHint = null, string? prompt = null)
    {
        var state = Pkce.CreateState();
        var verifier = Pkce.CreateVerifier();
        var query = new List<KeyValuePair<string, string>>
        {
            new("response_type", "code"),
            new("client_id", options.ConsumerKey),
            new("redirect_uri", redirectUri.ToString()),
            new("state", state),
            new("code_challenge", Pkce.Challenge(verifier)),
            new("code_challenge_method", "S256"),
        };
        AddIfSet(query, "scope", scope);
        AddIfSet(query, "login_hint", loginHint);
        AddIfSet(query, "prompt", prompt);
        var url = new Uri(Endpoint(options, "authorize") + "?" + string.Join('&', query.Select(p => p.Key + "=" + Uri.EscapeDataString(p.Value))));
        return new SalesforceAuthorization(url, state, verifier);
    }

    /// <summary>
    /// Reads the callback's query: returns the code when <paramref name="state"/> matches what
    /// <see cref="BeginAuthorization"/> issued, throws <see cref="SalesforceAuthException"/> for an
    /// <c>error</c> callback or a state mismatch (a forged or replayed callback).
    /// </summary>
    public static string ReadCallback(string? code, string? state, string? error, string? errorDescription, string expectedState)
    {
        if (!string.IsNullOrEmpty(error))
        {
            throw new SalesforceAuthException(error, errorDescription, null);
        }
        if (state is null || !CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(state), Encoding.UTF8.GetBytes(expectedState)))
        {
            throw new SalesforceAuthException("invalid_state", "the callback's state does not match the authorization request", null);
        }
        if (string.IsNullOrEmpty(code))
        {
            throw new SalesforceAuthException("invalid_request", "the callback carries no code", null);
        }
        return code;
    }

    /// <summary>Exchanges an authorization code (<c>grant_type=authorization_code</c>, with the PKCE verifier).</summary>
    public Task<SalesforceTokenSet> ExchangeCodeAsync(SalesforceConnectionOptions options, string code, Uri redirectUri, string codeVerifier,
        CancellationToken cancellationToken)
    {
        var form = ClientForm(options, "authorization_code");
        form.Add(new("code", code));
        form.Add(new("redirect_uri", redirectUri.ToString()));
        form.Add(new("code_verifier", codeVerifier));
        return TokenAsync(options, form, previous: null, cancellationToken);
    }

    /// <summary>
    /// Refreshes the access token (<c>grant_type=refresh_token</c>). Without refresh token
    /// rotation the response has no refresh token and the old one stays valid, so it is kept.
    /// </summary>
    public Task<SalesforceTokenSet> RefreshAsync(SalesforceConnectionOptions options, SalesforceTokenSet current, CancellationToken cancellationToken)
    {
        if (current.RefreshToken is null)
        {
            throw new SalesforceAuthException("invalid_grant", "no refresh token to refresh with", null);
        }
        var form = ClientForm(options, "refresh_token");
        form.Add(new("refresh_token", current.RefreshToken));
        return TokenAsync(options, form, current, cancellationToken);
    }

    /// <summary>
    /// The username-password flow (<c>grant_type=password</c>) with the security token appended to
    /// the password. Salesforce issues no refresh token for it.
    /// </summary>
    public Task<SalesforceTokenSet> LoginWithPasswordAsync(SalesforceConnectionOptions options, CancellationToken cancellationToken)
    {
        if (!options.HasPasswordCredentials)
        {
            throw new SalesforceAuthException("invalid_request", "username and password are not configured", null);
        }
        var form = ClientForm(options, "password");
        form.Add(new("username", options.Username!));
        form.Add(new("password", options.Password + options.SecurityToken));
        return TokenAsync(options, form, previous: null, cancellationToken);
    }

    /// <summary>Revokes an access or refresh token (<c>POST /services/oauth2/revoke</c>, <c>token=…</c>).</summary>
    public async Task RevokeAsync(SalesforceConnectionOptions options, string token, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, Endpoint(options, "revoke"))
        {
            Content = new FormUrlEncodedContent([new("token", token)]),
        };
        using var response = await http.SendAsync(request, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw await ErrorAsync(response, cancellationToken);
        }
    }

    private async Task<SalesforceTokenSet> TokenAsync(SalesforceConnectionOptions options, List<KeyValuePair<string, string>> form,
        SalesforceTokenSet? previous, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, Endpoint(options, "token")) { Content = new FormUrlEncodedContent(form) };
        using var response = await http.SendAsync(request, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw await ErrorAsync(response, cancellationToken);
        }
        var body = await ReadAsync(response, cancellationToken);
        if (body?.AccessToken is not { Length: > 0 } accessToken || !Uri.TryCreate(body.InstanceUrl ?? previous?.InstanceUrl.ToString(), UriKind.Absolute, out var instance))
        {
            throw new SalesforceAuthException("invalid_response", "the token response lacks access_token or instance_url", response.StatusCode);
        }
        VerifySignature(options, body);
        return new SalesforceTokenSet
        {
            AccessToken = accessToken,
            RefreshToken = body.RefreshToken ?? previous?.RefreshToken,
            InstanceUrl = instance,
            IdentityUrl = Uri.TryCreate(body.Id, UriKind.Absolute, out var id) ? id : previous?.IdentityUrl,
            IssuedAt = long.TryParse(body.IssuedAt, NumberStyles.Integer, CultureInfo.InvariantCulture, out var ms)
                ? DateTimeOffset.FromUnixTimeMilliseconds(ms)
                : time.GetUtcNow(),
            Scope = body.Scope ?? previous?.Scope,
        };
    }

    /// <summary>
    /// "signature: Base64-encoded HMAC-SHA256 signature signed with the client_secret … of the
    /// concatenated ID and issued_at value". Checked when both the secret and a signature are
    /// present; a mismatch means the response did not come from the org we configured.
    /// </summary>
    private static void VerifySignature(SalesforceConnectionOptions options, SalesforceTokenResponse body)
    {
        if (options.ConsumerSecret is not { Length: > 0 } secret || body.Signature is not { Length: > 0 } signature || body.Id is null || body.IssuedAt is null)
        {
            return;
        }
        var expected = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(body.Id + body.IssuedAt));
        byte[] actual;
        try
        {
            actual = Convert.FromBase64String(signature);
        }
        catch (FormatException)
        {
            actual = [];
        }
        if (!CryptographicOperations.FixedTimeEquals(expected, actual))
        {
            throw new SalesforceAuthException("invalid_signature", "the token response signature does not match the consumer secret", null);
        }
    }

    private static async Task<SalesforceTokenResponse?> ReadAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
            return await JsonSerializer.DeserializeAsync<SalesforceTokenResponse>(stream, SalesforceJson.Options, cancellationToken);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>
    /// Error bodies are JSON <c>{"error","error_description"}</c>; a login host that is not
    /// Salesforce (a typo, a proxy page) answers with HTML, reported as <c>invalid_response</c>.
    /// </summary>
    internal static async Task<SalesforceAuthException> ErrorAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        try
        {
            var body = JsonSerializer.Deserialize<SalesforceTokenResponse>(text, SalesforceJson.Options);
            if (body?.Error is { Length: > 0 } error)
            {
                return new SalesforceAuthException(error, body.ErrorDescription, response.StatusCode);
            }
        }
        catch (JsonException)
        {
            // Not JSON: fall through to the generic error below.
        }
        var snippet = text.Length > 200 ? text[..200] : text;
        var code = response.StatusCode == HttpStatusCode.NotFound ? "invalid_login_host" : "invalid_response";
        return new SalesforceAuthException(code, $"HTTP {(int)response.StatusCode}: {snippet}", response.StatusCode);
    }

    private static List<KeyValuePair<string, string>> ClientForm(SalesforceConnectionOptions options, string grantType)
    {
        var form = new List<KeyValuePair<string, string>> { new("grant_type", grantType), new("client_id", options.ConsumerKey) };
        AddIfSet(form, "client_secret", options.ConsumerSecret);
        return form;
    }

    private static void AddIfSet(List<KeyValuePair<string, string>> list, string name, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            list.Add(new(name, value));
        }
    }

    private static Uri Endpoint(SalesforceConnectionOptions options, string name) =>
        new(options.LoginUrl.GetLeftPart(UriPartial.Authority) + options.LoginUrl.AbsolutePath.TrimEnd('/') + "/services/oauth2/" + name);
}
