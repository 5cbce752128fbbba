namespace Rapport.Salesforce.Auth;

/// <summary>The login hosts Salesforce documents, and how a configured host becomes a login URL.</summary>
public static class SalesforceLoginHosts
{
    /// <summary>Production and Developer Edition orgs.</summary>
    public static readonly Uri Production = new("https://login.salesforce.com");

    /// <summary>Sandboxes ("connect to a sandbox").</summary>
    public static readonly Uri Sandbox = new("https://test.salesforce.com");

    /// <summary>
    /// Resolves the admin's choice: a custom host wins (a bare My Domain host such as
    /// <c>acme.my.salesforce.com</c> gets https; a full URL such as the emulator's
    /// <c>http://127.0.0.1:5080</c> is kept), otherwise the sandbox switch picks test or login.
    /// </summary>
    public static Uri Resolve(string? customHost, bool sandbox)
    {
        if (string.IsNullOrWhiteSpace(customHost))
        {
            return sandbox ? Sandbox : Production;
        }
        var trimmed = customHost.Trim().TrimEnd('/');
        if (Uri.TryCreate(trimmed, UriKind.Absolute, out var absolute) && (absolute.Scheme == Uri.UriSchemeHttps || absolute.Scheme == Uri.UriSchemeHttp))
        {
            return absolute;
        }
        if (Uri.TryCreate("https://" + trimmed, UriKind.Absolute, out var host) && host.AbsolutePath == "/")
        {
            return host;
        }
        throw new ArgumentException($"'{customHost}' is neither a host name nor an http(s) URL.", nameof(customHost));
    }
}
