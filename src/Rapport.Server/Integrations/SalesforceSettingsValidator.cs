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
        return Errors(body, creating) is [var first, ..] ? DatasetsApi.Problem(400, "Invalid settings", first.Message, first.Field) : null;
    }

    /// <summary>
    /// Every bad field of <paramref name="body"/> (the console shows each next to its control; the API
    /// answers with the first), empty when the settings can be stored.
    /// </summary>
    public static IReadOnlyList<SalesforceSettingsError> Errors(SalesforceSettingsRequest body, bool creating)
    {
        var errors = new List<SalesforceSettingsError>();
        if ((creating || body.ConsumerKey is not null) && (string.IsNullOrWhiteSpace(body.ConsumerKey) || body.ConsumerKey.Trim().Length > 255 || body.ConsumerKey.Trim().Any(char.IsWhiteSpace)))
        {
            errors.Add(new("consumerKey",
                "\"consumerKey\" is required: the connected app's Consumer Key (Setup > App Manager > View), up to 255 characters without spaces."));
        }
        if ((creating || body.ConsumerSecret is not null) && (string.IsNullOrWhiteSpace(body.ConsumerSecret) || body.ConsumerSecret.Trim().Length > 255))
        {
            errors.Add(new("consumerSecret", "\"consumerSecret\" is required: the connected app's Consumer Secret, next to its Consumer Key."));
        }
        if (!string.IsNullOrWhiteSpace(body.LoginHost))
        {
            try
            {
                SalesforceLoginHosts.Resolve(body.LoginHost, body.Sandbox ?? false);
            }
            catch (ArgumentException)
            {
                errors.Add(new("loginHost",
                    $"\"loginHost\" \"{body.LoginHost}\" is neither a host name (acme.my.salesforce.com) nor an http(s) URL; leave it empty to use login.salesforce.com, or test.salesforce.com with \"sandbox\": true."));
            }
        }
        if (body.ApiVersion is { } version && !ApiVersionPattern().IsMatch(version))
        {
            errors.Add(new("apiVersion", $"\"apiVersion\" \"{version}\" is not a Salesforce API version such as \"v62.0\"."));
        }
        return errors;
    }

    [GeneratedRegex(@"^v?\d{2,3}\.0$")]
    private static partial Regex ApiVersionPattern();
}
