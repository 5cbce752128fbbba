using System.Net;

namespace Rapport.Salesforce.Auth;

/// <summary>
/// An OAuth failure from the token, authorize or revoke endpoint, with Salesforce's
/// <c>error</c> and <c>error_description</c> ("OAuth 2.0 Token Response Errors"), e.g.
/// <c>invalid_grant</c> / <c>expired access/refresh token</c>.
/// </summary>
public sealed class SalesforceAuthException : Exception
{
    /// <summary>Creates an exception with an unknown error.</summary>
    public SalesforceAuthException()
        : this("unknown_error", null, null)
    {
    }

    /// <summary>Creates an exception with a message only.</summary>
    public SalesforceAuthException(string message)
        : base(message)
    {
        Error = "unknown_error";
    }

    /// <summary>Creates an exception wrapping another.</summary>
    public SalesforceAuthException(string message, Exception innerException)
        : base(message, innerException)
    {
        Error = "unknown_error";
    }

    /// <summary>Creates an exception from an OAuth error response.</summary>
    public SalesforceAuthException(string error, string? description, HttpStatusCode? statusCode, Exception? innerException = null)
        : base(description is null ? $"Salesforce OAuth error {error}" : $"Salesforce OAuth error {error}: {description}", innerException)
    {
        Error = error;
        ErrorDescription = description;
        StatusCode = statusCode;
    }

    /// <summary>The OAuth <c>error</c> code.</summary>
    public string Error { get; }

    /// <summary>The OAuth <c>error_description</c>.</summary>
    public string? ErrorDescription { get; }

    /// <summary>The HTTP status, when the error came from a response.</summary>
    public HttpStatusCode? StatusCode { get; }

    /// <summary>The refresh token expired or was revoked: the admin must establish the connection again.</summary>
    public bool IsRefreshTokenExpired => Error == "invalid_grant" && Describes("expired access/refresh token");

    /// <summary>The user was deactivated.</summary>
    public bool IsInactiveUser => Error == "invalid_grant" && Describes("inactive user");

    /// <summary>Wrong username, password or security token.</summary>
    public bool IsAuthenticationFailure => Error == "invalid_grant" && Describes("authentication failure");

    /// <summary>The consumer key or secret is wrong.</summary>
    public bool IsInvalidClient => Error is "invalid_client_id" or "invalid_client";

    private bool Describes(string text) => ErrorDescription?.Contains(text, StringComparison.OrdinalIgnoreCase) == true;
}
