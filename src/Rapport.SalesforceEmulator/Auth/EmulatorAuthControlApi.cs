using System.Collections.Frozen;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Rapport.SalesforceEmulator.Auth;

/// <summary>
/// Test and demo controls for identity, under <c>/__emulator</c> and never under a Salesforce
/// path: end sessions, revoke refresh tokens, (de)activate users, grant and take permissions,
/// and move the clock. Errors are RFC 7807 problem details.
/// </summary>
internal static class EmulatorAuthControlApi
{
    public static void Map(RouteGroupBuilder group)
    {
        group.MapPost("/sessions/expire", ExpireSessions);
        group.MapPost("/refresh-tokens/revoke", RevokeAllRefreshTokens);
        group.MapGet("/users", ListUsers);
        group.MapPost("/users/{user}/refresh-tokens/revoke", RevokeUserRefreshTokens);
        group.MapPost("/users/{user}/deactivate", (string user, EmulatorDirectory directory, OAuthTokenStore tokens) => SetActive(user, false, directory, tokens));
        group.MapPost("/users/{user}/activate", (string user, EmulatorDirectory directory, OAuthTokenStore tokens) => SetActive(user, true, directory, tokens));
        group.MapPut("/users/{user}/permissions/{permission}", (string user, string permission, EmulatorDirectory directory) => SetPermission(user, permission, true, directory));
        group.MapDelete("/users/{user}/permissions/{permission}", (string user, string permission, EmulatorDirectory directory) => SetPermission(user, permission, false, directory));
        group.MapGet("/clock", ReadClock);
        group.MapPost("/clock/advance", AdvanceClock);
        group.MapPut("/clock", SetClock);
        group.MapDelete("/clock", ResetClock);
    }

    private static Ok<CountResult> ExpireSessions(OAuthTokenStore tokens) => TypedResults.Ok(new CountResult(tokens.ExpireAllSessions()));

    private static Ok<CountResult> RevokeAllRefreshTokens(OAuthTokenStore tokens) => TypedResults.Ok(new CountResult(tokens.RevokeRefreshTokens(null)));

    private static Results<Ok<CountResult>, ProblemHttpResult> RevokeUserRefreshTokens(string user, EmulatorDirectory directory, OAuthTokenStore tokens)
    {
        var found = directory.Find(user);
        return found is null ? UnknownUser(user) : TypedResults.Ok(new CountResult(tokens.RevokeRefreshTokens(found.Id)));
    }

    private static Ok<EmulatorUserView[]> ListUsers(EmulatorDirectory directory) =>
        TypedResults.Ok(directory.Users.Select(EmulatorUserView.From).ToArray());

    /// <summary>Deactivating a user ends their sessions; their refresh tokens then fail with "inactive user".</summary>
    private static Results<Ok<EmulatorUserView>, ProblemHttpResult> SetActive(string user, bool active, EmulatorDirectory directory, OAuthTokenStore tokens)
    {
        var found = directory.Find(user);
        if (found is null)
        {
            return UnknownUser(user);
        }
        var updated = directory.Update(found.Id, u => u with { IsActive = active })!;
        if (!active)
        {
            tokens.EndSessionsOf(found.Id);
        }
        return TypedResults.Ok(EmulatorUserView.From(updated));
    }

    private static Results<Ok<EmulatorUserView>, ProblemHttpResult> SetPermission(string user, string permission, bool granted, EmulatorDirectory directory)
    {
        var found = directory.Find(user);
        if (found is null)
        {
            return UnknownUser(user);
        }
        if (!EmulatorPermissions.TryNormalize(permission, out var known))
        {
            return TypedResults.Problem(
                $"Unknown permission '{permission}'. Known permissions: {string.Join(", ", EmulatorPermissions.All)}.",
                statusCode: StatusCodes.Status400BadRequest,
                title: "Unknown permission");
        }
        var updated = directory.Update(found.Id, u =>
        {
            var permissions = new HashSet<string>(u.Permissions, StringComparer.OrdinalIgnoreCase);
            if (granted)
            {
                permissions.Add(known);
            }
            else
            {
                permissions.Remove(known);
            }
            return u with { Permissions = permissions.ToFrozenSet(StringComparer.OrdinalIgnoreCase) };
        })!;
        return TypedResults.Ok(EmulatorUserView.From(updated));
    }

    private static Ok<ClockView> ReadClock(EmulatorClock clock) => TypedResults.Ok(ClockView.From(clock));

    private static Results<Ok<ClockView>, ProblemHttpResult> AdvanceClock(ClockChange change, EmulatorClock clock)
    {
        if (change.Seconds is not { } seconds || !double.IsFinite(seconds))
        {
            return TypedResults.Problem("Send {\"seconds\": n}; n may be negative to move back.", statusCode: StatusCodes.Status400BadRequest, title: "Missing seconds");
        }
        clock.Advance(TimeSpan.FromSeconds(seconds));
        return TypedResults.Ok(ClockView.From(clock));
    }

    private static Results<Ok<ClockView>, ProblemHttpResult> SetClock(ClockChange change, EmulatorClock clock)
    {
        if (change.UtcNow is not { } now)
        {
            return TypedResults.Problem("Send {\"utcNow\": \"2030-01-01T00:00:00Z\"}.", statusCode: StatusCodes.Status400BadRequest, title: "Missing utcNow");
        }
        clock.SetUtcNow(now);
        return TypedResults.Ok(ClockView.From(clock));
    }

    private static Ok<ClockView> ResetClock(EmulatorClock clock)
    {
        clock.Reset();
        return TypedResults.Ok(ClockView.From(clock));
    }

    private static ProblemHttpResult UnknownUser(string user) =>
        TypedResults.Problem($"No user has the username or id '{user}'. GET /__emulator/users lists them.", statusCode: StatusCodes.Status404NotFound, title: "Unknown user");
}
