using System.Globalization;
using System.Text.RegularExpressions;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Rapport.SalesforceEmulator.Auth;

/// <summary>
/// The identity URL <c>/id/{orgId}/{userId}</c> (Salesforce help, "Identity URLs"): who the token
/// belongs to and which URLs to call, with <c>{version}</c> left in the URLs unless the
/// <c>version</c> parameter is given. The guard has already checked the token.
/// </summary>
internal static partial class IdentityEndpoint
{
    public static IResult Handle(
        HttpContext context,
        string orgId,
        string userId,
        EmulatorDirectory directory,
        EmulatorAuthOptions options,
        TimeProvider clock)
    {
        var session = context.Features.Get<IEmulatorSession>();
        if (session is null)
        {
            return Plain(StatusCodes.Status403Forbidden, "Missing_OAuth_Token");
        }
        if (!SalesforceId.TryNormalize(orgId, out var org18) || !SalesforceId.TryNormalize(userId, out var user18))
        {
            return Plain(StatusCodes.Status404NotFound, "Bad_Id");
        }
        if (org18 != directory.OrganizationId)
        {
            return Plain(StatusCodes.Status403Forbidden, "Wrong_Org");
        }
        var user = directory.FindById(user18);
        if (user is null)
        {
            return Plain(StatusCodes.Status404NotFound, "Bad_Id");
        }
        // Another user's identity is visible only to API-enabled users (Identity URLs, "Client Access").
        if (user.Id != session.UserId && !session.HasPermission(EmulatorPermissions.ApiEnabled))
        {
            return Plain(StatusCodes.Status404NotFound, "No_Access");
        }
        if (!user.IsActive)
        {
            return Plain(StatusCodes.Status404NotFound, "Inactive");
        }
        var version = context.Request.Query["version"].ToString();
        if (version == "latest")
        {
            version = options.LatestApiVersion;
        }
        else if (version.Length == 0)
        {
            version = "{version}";
        }
        else if (!VersionPattern().IsMatch(version))
        {
            return Plain(StatusCodes.Status406NotAcceptable, "Invalid_Version");
        }
        return TypedResults.Json(Build(context.Request, directory, user, version, clock));
    }

    private static JsonObject Build(HttpRequest request, EmulatorDirectory directory, EmulatorUser user, string version, TimeProvider clock)
    {
        var baseUrl = EmulatorUrls.BaseUrl(request);
        var org = directory.OrganizationId;
        var rest = $"{baseUrl}/services/data/v{version}/";
        return new JsonObject
        {
            ["id"] = EmulatorUrls.IdentityUrl(request, org, user.Id),
            ["asserted_user"] = true,
            ["user_id"] = user.Id,
            ["organization_id"] = org,
            ["username"] = user.Username,
            ["nick_name"] = user.Username.Split('@')[0],
            ["display_name"] = user.Name,
            ["email"] = user.Email,
            ["email_verified"] = true,
            ["first_name"] = user.FirstName,
            ["last_name"] = user.LastName,
            ["timezone"] = "GMT",
            ["photos"] = new JsonObject
            {
                ["picture"] = $"{baseUrl}/profilephoto/005/F",
                ["thumbnail"] = $"{baseUrl}/profilephoto/005/T",
            },
            ["addr_street"] = null,
            ["addr_city"] = null,
            ["addr_state"] = null,
            ["addr_country"] = null,
            ["addr_zip"] = null,
            ["mobile_phone"] = null,
            ["mobile_phone_verified"] = false,
            ["is_lightning_login_user"] = false,
            ["status"] = new JsonObject { ["created_date"] = null, ["body"] = null },
            ["urls"] = new JsonObject
            {
                ["enterprise"] = $"{baseUrl}/services/Soap/c/{version}/{org}",
                ["metadata"] = $"{baseUrl}/services/Soap/m/{version}/{org}",
                ["partner"] = $"{baseUrl}/services/Soap/u/{version}/{org}",
                ["rest"] = rest,
                ["sobjects"] = rest + "sobjects/",
                ["search"] = rest + "search/",
                ["query"] = rest + "query/",
                ["recent"] = rest + "recent/",
                ["tooling_soap"] = $"{baseUrl}/services/Soap/T/{version}/{org}",
                ["tooling_rest"] = rest + "tooling/",
                ["profile"] = $"{baseUrl}/{user.Id}",
                ["feeds"] = rest + "chatter/feeds",
                ["groups"] = rest + "chatter/groups",
                ["users"] = rest + "chatter/users",
                ["feed_items"] = rest + "chatter/feed-items",
                ["feed_elements"] = rest + "chatter/feed-elements",
                ["custom_domain"] = baseUrl,
            },
            ["active"] = user.IsActive,
            ["user_type"] = "STANDARD",
            ["language"] = "en_US",
            ["locale"] = "en_US",
            ["utcOffset"] = 0,
            ["last_modified_date"] = clock.GetUtcNow().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
            ["is_app_installed"] = true,
        };
    }

    private static ContentHttpResult Plain(int status, string code) => TypedResults.Text(code, "text/plain; charset=utf-8", statusCode: status);

    [GeneratedRegex(@"^\d{2}\.\d$")]
    private static partial Regex VersionPattern();
}
