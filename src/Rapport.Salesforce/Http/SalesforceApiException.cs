using System.Net;

namespace Rapport.Salesforce.Http;

/// <summary>
/// A failed REST, Bulk or Tooling call, keeping the HTTP status and Salesforce's
/// <c>errorCode</c>, <c>message</c> and <c>fields</c> so runs can record them and pick a remedy.
/// </summary>
public sealed class SalesforceApiException : Exception
{
    /// <summary>Creates an exception without details.</summary>
    public SalesforceApiException()
        : this("Salesforce call failed")
    {
    }

    /// <summary>Creates an exception with a message only.</summary>
    public SalesforceApiException(string message)
        : base(message)
    {
        Errors = [];
    }

    /// <summary>Creates an exception wrapping another.</summary>
    public SalesforceApiException(string message, Exception innerException)
        : base(message, innerException)
    {
        Errors = [];
    }

    /// <summary>Creates an exception from a failed response's status and parsed errors.</summary>
    public SalesforceApiException(HttpStatusCode statusCode, IReadOnlyList<SalesforceError> errors, string? requestDescription = null)
        : base(Describe(statusCode, errors, requestDescription))
    {
        StatusCode = statusCode;
        Errors = errors;
    }

    /// <summary>The HTTP status of the response.</summary>
    public HttpStatusCode StatusCode { get; }

    /// <summary>Every error in the body, in order.</summary>
    public IReadOnlyList<SalesforceError> Errors { get; }

    /// <summary>The first error's code ("INVALID_FIELD", "REQUEST_LIMIT_EXCEEDED", …), or null.</summary>
    public string? ErrorCode => Errors.Count > 0 ? Errors[0].ErrorCode : null;

    /// <summary>The first error's message.</summary>
    public string? SalesforceMessage => Errors.Count > 0 ? Errors[0].Message : null;

    /// <summary>The first error's fields.</summary>
    public IReadOnlyList<string> Fields => Errors.Count > 0 ? Errors[0].Fields : [];

    /// <summary>The session ended and could not be refreshed (401 INVALID_SESSION_ID after a refresh and replay).</summary>
    public bool IsSessionExpired => StatusCode == HttpStatusCode.Unauthorized || HasCode("INVALID_SESSION_ID");

    /// <summary>The org's daily (or concurrent) API request limit is used up; the run should end and resume later.</summary>
    public bool IsRequestLimitExceeded => HasCode("REQUEST_LIMIT_EXCEEDED");

    /// <summary>
    /// The integration user lacks a permission (for example Modify All Data or Customize
    /// Application for Tooling field creation) or cannot see an object or field.
    /// </summary>
    public bool IsInsufficientAccess => Errors.Any(e => e.ErrorCode.StartsWith("INSUFFICIENT_ACCESS", StringComparison.Ordinal)) || HasCode("API_DISABLED_FOR_ORG");

    /// <summary>Worth retrying later with backoff: 5xx, 408, 429, row lock contention.</summary>
    public bool IsTransient => (int)StatusCode >= 500 || StatusCode is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests
        || HasCode("UNABLE_TO_LOCK_ROW") || HasCode("SERVER_UNAVAILABLE");

    /// <summary>True when any error carries <paramref name="code"/>.</summary>
    public bool HasCode(string code) => Errors.Any(e => e.ErrorCode == code);

    private static string Describe(HttpStatusCode status, IReadOnlyList<SalesforceError> errors, string? request)
    {
        var head = request is null ? $"Salesforce returned {(int)status}" : $"{request} returned {(int)status}";
        return errors.Count == 0 ? head : $"{head}: {string.Join("; ", errors)}";
    }
}
