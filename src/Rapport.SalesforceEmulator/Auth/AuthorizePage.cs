using System.Net;
using System.Text;

namespace Rapport.SalesforceEmulator.Auth;

/// <summary>The small HTML pages of the authorize endpoint: login + "Allow", and the error page.</summary>
internal static class AuthorizePage
{
    /// <summary>Salesforce's wording on a failed login; it never says which of username or password was wrong.</summary>
    public const string LoginFailedMessage = "Please check your username and password. If you still can't log in, contact your Salesforce administrator.";

    public static string Login(AuthorizeRequest request, EmulatorConnectedAppConfig app, EmulatorUser? loggedIn, string? username, string? error)
    {
        var html = new StringBuilder();
        Start(html, "Login | Salesforce Emulator");
        html.Append("<form method=\"post\" action=\"\">");
        foreach (var (name, value) in request.HiddenFields())
        {
            html.Append($"<input type=\"hidden\" name=\"{Encode(name)}\" value=\"{Encode(value)}\">");
        }
        if (error is not null)
        {
            html.Append($"<p id=\"error\" class=\"error\">{Encode(error)}</p>");
        }
        if (loggedIn is null)
        {
            html.Append("<p><label for=\"username\">Username</label><br>");
            html.Append($"<input id=\"username\" name=\"username\" type=\"email\" value=\"{Encode(username ?? request.LoginHint ?? string.Empty)}\" autofocus></p>");
            html.Append("<p><label for=\"password\">Password</label><br>");
            html.Append("<input id=\"password\" name=\"password\" type=\"password\"></p>");
        }
        else
        {
            html.Append($"<p>Logged in as <strong>{Encode(loggedIn.Username)}</strong>.</p>");
        }
        html.Append($"<p><strong>{Encode(app.Name ?? app.ConsumerKey)}</strong> is asking to access your data ");
        html.Append($"(scopes: {Encode(OAuthScopes.Grant(app, request.Scope) ?? request.Scope ?? string.Empty)}).</p>");
        html.Append("<p><button type=\"submit\" name=\"action\" value=\"allow\" id=\"allow\">Allow</button> ");
        html.Append("<button type=\"submit\" name=\"action\" value=\"deny\" id=\"deny\">Deny</button></p>");
        html.Append("</form>");
        End(html);
        return html.ToString();
    }

    /// <summary>
    /// When the callback URL cannot be trusted (unknown client, unregistered redirect_uri)
    /// Salesforce shows the error on its own page as <c>error=…&amp;error_description=…</c>.
    /// </summary>
    public static string Error(string error, string description)
    {
        var html = new StringBuilder();
        Start(html, "Error | Salesforce Emulator");
        html.Append($"<p id=\"error\">error={Encode(error)}&amp;error_description={Encode(description)}</p>");
        End(html);
        return html.ToString();
    }

    private static void Start(StringBuilder html, string title) =>
        html.Append($"<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>{Encode(title)}</title>")
            .Append("<style>body{font-family:sans-serif;max-width:28em;margin:3em auto}.error{color:#c23934}</style></head><body>")
            .Append("<h1>Salesforce Emulator</h1>");

    private static void End(StringBuilder html) => html.Append("</body></html>");

    private static string Encode(string value) => WebUtility.HtmlEncode(value);
}
