using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http.HttpResults;
using Rapport.Salesforce.Auth;
using Rapport.Server.Admin;

namespace Rapport.Server.Integrations;

/// <summary>Checks connection settings before anything is stored, naming the field that is wrong.</summary>
public static partial class SalesforceSettingsValidator
{
    /// <summary>A 400 problem naming the first bad field, or null. Creating requires the consumer key and secret; updating keeps omitted values.</summary>
    public static ProblemHttpResult? Validate(SalesforceSettingsRequest? body, bool creating)
    {
        if (body is null)
        {
            return DatasetsApi.Problem(400, "Invalid settings", "Send {\"consumerKey\": …, \"consumerSecret\": …, \"sandbox\": false, \"loginHost\": null}.", "consumerKey");
        }
        if ((creating || body.ConsumerKey is not null) && (string.IsNullOrWhiteSpace(body.ConsumerKey) || body.ConsumerKey.Trim().Length > 255 || body.ConsumerKey.Trim().Any(char.IsWhiteSpace)))
        {
            return DatasetsApi.Problem(400, "Invalid settings",
                "\"consumerKey\" is required: the connected app's Consumer Key (Setup > App Manager > View), up to 255 characters without spaces.", "consumerKey");
        }
        if ((creating || body.ConsumerSecret is not null) && (string.IsNullOrWhiteSpace(body.ConsumerSecret) || body.ConsumerSecret.Trim().Length > 255))
        {
            return DatasetsApi.Problem(400, "Invalid settings",
                "\"consumerSecret\" is required: the connected app's Consumer Secret, next to its Consumer Key.", "consumerSecret");
        }
        if (!string.IsNullOrWhiteSpace(body.LoginHost))
        {
            try
            {
                SalesforceLoginHosts.Resolve(body.LoginHost, body.Sandbox ?? false);
            }
            catch (ArgumentException)
            {
                return DatasetsApi.Problem(400, "Invalid settings",
                    $"\"loginHost\" \"{body.LoginHost}\" is neither a host name (acme.my.salesforce.com) nor an http(s) URL; leave it empty to use login.salesforce.com, or test.salesforce.com with \"sandbox\": true.", "loginHost");
            }
        }
        if (body.ApiVersion is { } version && !ApiVersionPattern().IsMatch(version))
        {
            return DatasetsApi.Problem(400, "Invalid settings", $"\"apiVersion\" \"{version}\" is not a Salesforce API version such as \"v62.0\".", "apiVersion");
        }
        return null;
    }

    [GeneratedRegex(@"^v?\d{2,3}\.0$")]
    private static partial Regex ApiVersionPattern();
}
