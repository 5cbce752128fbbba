using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Rapport.Data;
using Rapport.Data.Entities;
using Rapport.Salesforce.Auth;
using Rapport.Server.Admin;

namespace Rapport.Server.Integrations;

/// <summary>
/// <c>/api/datasets/{id}/connections/salesforce</c>: the one Salesforce connection of a dataset —
/// settings, establishing it (web server flow or integration user), checking, pausing and removing.
/// </summary>
public static class SalesforceConnectionApi
{
    public static RouteGroupBuilder MapSalesforceConnectionApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/datasets/{datasetId}/connections/salesforce").WithTags("Salesforce connection");
        group.MapGet("/", GetAsync);
        group.MapPut("/", PutSettingsAsync);
        group.MapDelete("/", DeleteAsync);
        group.MapPost("/authorize", AuthorizeAsync);
        group.MapGet("/connect", ConnectAsync);
        group.MapPost("/password-login", PasswordLoginAsync);
        group.MapPost("/check", CheckAsync);
        group.MapPost("/pause", PauseAsync);
        group.MapPost("/unpause", UnpauseAsync);
        group.MapPost("/deactivate", DeactivateAsync);
        return api;
    }

    public static async Task<Results<Ok<SalesforceConnectionResponse>, ProblemHttpResult>> GetAsync(
        string datasetId, HttpRequest request, SalesforceConnections connections, CancellationToken cancellationToken)
    {
        await using var db = await connections.Contexts.CreateDbContextAsync(cancellationToken);
        if (!await db.Datasets.AnyAsync(d => d.Id == datasetId, cancellationToken))
        {
            return DatasetsApi.NotFound(datasetId);
        }
        var row = await db.SalesforceConnections.AsNoTracking().SingleOrDefaultAsync(c => c.DatasetId == datasetId, cancellationToken);
        return TypedResults.Ok(SalesforceConnectionMapper.ToResponse(row, connections.CallbackUrl(request)));
    }

    public static async Task<Results<Ok<SalesforceConnectionResponse>, Created<SalesforceConnectionResponse>, ProblemHttpResult>> PutSettingsAsync(
        string datasetId, SalesforceSettingsRequest? body, HttpRequest request, SalesforceConnections connections, CancellationToken cancellationToken)
    {
        await using var db = await connections.Contexts.CreateDbContextAsync(cancellationToken);
        if (!await db.Datasets.AnyAsync(d => d.Id == datasetId, cancellationToken))
        {
            return DatasetsApi.NotFound(datasetId);
        }
        var row = await db.SalesforceConnections.SingleOrDefaultAsync(c => c.DatasetId == datasetId, cancellationToken);
        if (SalesforceSettingsValidator.Validate(body, creating: row is null) is { } invalid)
        {
            return invalid;
        }
        var now = connections.UtcNow;
        if (row is null)
        {
            row = new SalesforceConnectionEntity
            {
                Id = Guid.NewGuid().ToString("N"), DatasetId = datasetId, ConsumerKey = body!.ConsumerKey!.Trim(), CreatedAt = now,
                State = SalesforceConnectionState.Paused,
            };
            db.SalesforceConnections.Add(row);
        }
        // The row is kept on reconfiguration: record links will hang off it.
        if (body!.ConsumerKey is { } key)
        {
            row.ConsumerKey = key.Trim();
        }
        if (body.ConsumerSecret is { } secret)
        {
            row.ConsumerSecretProtected = connections.Protector.Protect(secret.Trim());
        }
        if (body.Sandbox is { } sandbox)
        {
            row.Sandbox = sandbox;
        }
        if (body.LoginHost is { } host)
        {
            row.LoginHost = string.IsNullOrWhiteSpace(host) ? null : host.Trim().TrimEnd('/');
        }
        if (body.ApiVersion is { } version)
        {
            row.ApiVersion = version.StartsWith('v') ? version : "v" + version;
        }
        row.UpdatedAt = now;
        var created = db.Entry(row).State == EntityState.Added;
        await db.SaveChangesAsync(cancellationToken);
        var response = SalesforceConnectionMapper.ToResponse(row, connections.CallbackUrl(request));
        return created
            ? TypedResults.Created($"/api/datasets/{datasetId}/connections/salesforce", response)
            : TypedResults.Ok(response);
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(
        string datasetId, SalesforceConnections connections, CancellationToken cancellationToken)
    {
        await using var db = await connections.Contexts.CreateDbContextAsync(cancellationToken);
        if (await db.SalesforceConnections.SingleOrDefaultAsync(c => c.DatasetId == datasetId, cancellationToken) is not { } row)
        {
            return NoConnection(datasetId);
        }
        await connections.RevokeBestEffortAsync(row, cancellationToken);
        db.SalesforceConnections.Remove(row);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.NoContent();
    }

    public static async Task<Results<Ok<SalesforceAuthorizeResponse>, ProblemHttpResult>> AuthorizeAsync(
        string datasetId, HttpRequest request, SalesforceConnections connections, CancellationToken cancellationToken)
    {
        var (start, problem) = await BeginAsync(datasetId, request, connections, cancellationToken);
        return start is null ? problem! : TypedResults.Ok(start);
    }

    /// <summary>The browser-friendly form of authorize: a link an admin can open.</summary>
    public static async Task<Results<RedirectHttpResult, ProblemHttpResult>> ConnectAsync(
        string datasetId, HttpRequest request, SalesforceConnections connections, CancellationToken cancellationToken)
    {
        var (start, problem) = await BeginAsync(datasetId, request, connections, cancellationToken);
        return start is null ? problem! : TypedResults.Redirect(start.AuthorizeUrl);
    }

    public static async Task<Results<Ok<SalesforceConnectionResponse>, ProblemHttpResult>> PasswordLoginAsync(
        string datasetId, SalesforcePasswordLoginRequest? body, HttpRequest request, SalesforceConnections connections, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(body?.Username))
        {
            return DatasetsApi.Problem(400, "Invalid login", "\"username\" is required: the integration user's Salesforce username.", "username");
        }
        if (string.IsNullOrEmpty(body.Password))
        {
            return DatasetsApi.Problem(400, "Invalid login", "\"password\" is required (without the security token; send that as \"securityToken\").", "password");
        }
        await using var db = await connections.Contexts.CreateDbContextAsync(cancellationToken);
        if (await db.SalesforceConnections.SingleOrDefaultAsync(c => c.DatasetId == datasetId, cancellationToken) is not { } row)
        {
            return NoConnection(datasetId);
        }
        row.AuthFlow = SalesforceAuthFlow.Password;
        row.PasswordUsername = body.Username.Trim();
        row.PasswordProtected = connections.Protector.Protect(body.Password);
        row.SecurityTokenProtected = connections.Protector.Protect(body.SecurityToken);
        var options = connections.Options(row);
        try
        {
            var tokens = await connections.Clients.CreateOAuthClient().LoginWithPasswordAsync(options, cancellationToken);
            await connections.EstablishAsync(row, tokens, cancellationToken);
        }
        catch (Exception ex) when (SalesforceFailures.Classify(ex, options.LoginUrl) is { } failure)
        {
            // The credentials that failed are not kept: a later refresh must not keep retrying them.
            await db.Entry(row).ReloadAsync(cancellationToken);
            connections.RecordCheck(row, failure);
            await db.SaveChangesAsync(cancellationToken);
            return FailureProblem(failure);
        }
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(SalesforceConnectionMapper.ToResponse(row, connections.CallbackUrl(request)));
    }

    public static async Task<Results<Ok<SalesforceCheckResponse>, ProblemHttpResult>> CheckAsync(
        string datasetId, SalesforceConnections connections, CancellationToken cancellationToken)
    {
        await using var db = await connections.Contexts.CreateDbContextAsync(cancellationToken);
        if (await db.SalesforceConnections.SingleOrDefaultAsync(c => c.DatasetId == datasetId, cancellationToken) is not { } row)
        {
            return NoConnection(datasetId);
        }
        if (row.AccessTokenProtected is null && row.AuthFlow == SalesforceAuthFlow.WebServer)
        {
            return NotEstablished(row);
        }
        var options = connections.Options(row);
        try
        {
            using var client = connections.Client(row);
            var identity = await client.GetIdentityAsync(cancellationToken);
            var limits = await client.GetLimitsAsync(cancellationToken);
            var tokens = await client.GetTokensAsync(cancellationToken);
            limits.TryGetValue("DailyApiRequests", out var daily);
            var usage = client.ApiUsage;
            var result = new SalesforceCheckResponse(identity.OrganizationId, identity.UserId, identity.Username, options.NormalizedApiVersion,
                tokens.InstanceUrl.ToString().TrimEnd('/'), daily?.Max, daily?.Remaining, usage?.Used, usage?.Max);
            // Only the check columns are marked modified, so tokens the client refreshed meanwhile are not overwritten.
            row.Username = identity.Username ?? row.Username;
            connections.RecordCheck(row, null,
                $"Org {result.OrganizationId}, user {result.Username}, API {result.ApiVersion}, {result.DailyApiRequestsRemaining} daily API requests left.");
            await db.SaveChangesAsync(cancellationToken);
            return TypedResults.Ok(result);
        }
        catch (Exception ex) when (SalesforceFailures.Classify(ex, options.LoginUrl) is { } failure)
        {
            connections.RecordCheck(row, failure);
            await db.SaveChangesAsync(cancellationToken);
            return FailureProblem(failure);
        }
    }

    public static Task<Results<Ok<SalesforceConnectionResponse>, ProblemHttpResult>> PauseAsync(
        string datasetId, HttpRequest request, SalesforceConnections connections, CancellationToken cancellationToken)
        => ChangeStateAsync(datasetId, request, connections, row => row.State == SalesforceConnectionState.Deactivated
            ? "A deactivated connection cannot be paused; establish the connection again first (it then starts paused)."
            : Set(row, SalesforceConnectionState.Paused), cancellationToken);

    public static Task<Results<Ok<SalesforceConnectionResponse>, ProblemHttpResult>> UnpauseAsync(
        string datasetId, HttpRequest request, SalesforceConnections connections, CancellationToken cancellationToken)
        => ChangeStateAsync(datasetId, request, connections, row => row.State == SalesforceConnectionState.Deactivated || row.AccessTokenProtected is null
            ? "The connection is not established; establish it (POST …/authorize or …/password-login) before unpausing."
            : Set(row, SalesforceConnectionState.Active), cancellationToken);

    public static async Task<Results<Ok<SalesforceConnectionResponse>, ProblemHttpResult>> DeactivateAsync(
        string datasetId, HttpRequest request, SalesforceConnections connections, CancellationToken cancellationToken)
    {
        await using var db = await connections.Contexts.CreateDbContextAsync(cancellationToken);
        if (await db.SalesforceConnections.SingleOrDefaultAsync(c => c.DatasetId == datasetId, cancellationToken) is not { } row)
        {
            return NoConnection(datasetId);
        }
        await connections.RevokeBestEffortAsync(row, cancellationToken);
        SalesforceConnectionTokenStore.Clear(row);
        row.State = SalesforceConnectionState.Deactivated;
        row.UpdatedAt = connections.UtcNow;
        await db.SaveChangesAsync(cancellationToken);
        await request.HttpContext.RequestServices.GetRequiredService<Sync.SyncSchedules>().ConnectionChangedAsync(row.Id, cancellationToken);
        return TypedResults.Ok(SalesforceConnectionMapper.ToResponse(row, connections.CallbackUrl(request)));
    }

    internal static ProblemHttpResult FailureProblem(SalesforceFailure failure) => TypedResults.Problem(
        detail: failure.Detail, statusCode: failure.Status, title: failure.Title,
        extensions: new Dictionary<string, object?> { ["failure"] = failure.Code, ["remedy"] = failure.Remedy });

    private static async Task<(SalesforceAuthorizeResponse? Start, ProblemHttpResult? Problem)> BeginAsync(
        string datasetId, HttpRequest request, SalesforceConnections connections, CancellationToken cancellationToken)
    {
        await using var db = await connections.Contexts.CreateDbContextAsync(cancellationToken);
        if (await db.SalesforceConnections.SingleOrDefaultAsync(c => c.DatasetId == datasetId, cancellationToken) is not { } row)
        {
            return (null, NoConnection(datasetId));
        }
        var callback = connections.CallbackUrl(request);
        var start = SalesforceOAuthClient.BeginAuthorization(connections.Options(row), callback, scope: "api refresh_token");
        var expires = connections.UtcNow + SalesforceConnections.PendingLifetime;
        row.PendingStateHash = SalesforceConnections.HashState(start.State);
        row.PendingCodeVerifierProtected = connections.Protector.Protect(start.CodeVerifier);
        row.PendingRedirectUri = callback.ToString();
        row.PendingExpiresAt = expires;
        row.UpdatedAt = connections.UtcNow;
        await db.SaveChangesAsync(cancellationToken);
        return (new SalesforceAuthorizeResponse(start.Url.ToString(), callback.ToString(), new DateTimeOffset(expires, TimeSpan.Zero)), null);
    }

    private static async Task<Results<Ok<SalesforceConnectionResponse>, ProblemHttpResult>> ChangeStateAsync(
        string datasetId, HttpRequest request, SalesforceConnections connections, Func<SalesforceConnectionEntity, string?> change, CancellationToken cancellationToken)
    {
        await using var db = await connections.Contexts.CreateDbContextAsync(cancellationToken);
        if (await db.SalesforceConnections.SingleOrDefaultAsync(c => c.DatasetId == datasetId, cancellationToken) is not { } row)
        {
            return NoConnection(datasetId);
        }
        if (change(row) is { } refusal)
        {
            return DatasetsApi.Problem(409, "Connection state", refusal, "state");
        }
        row.UpdatedAt = connections.UtcNow;
        await db.SaveChangesAsync(cancellationToken);
        // Unpausing schedules the initial run (or the nightly and interval runs); pausing removes them.
        await request.HttpContext.RequestServices.GetRequiredService<Sync.SyncSchedules>().ConnectionChangedAsync(row.Id, cancellationToken);
        return TypedResults.Ok(SalesforceConnectionMapper.ToResponse(row, connections.CallbackUrl(request)));
    }

    private static string? Set(SalesforceConnectionEntity row, SalesforceConnectionState state)
    {
        row.State = state;
        return null;
    }

    /// <summary>404 for a dataset without a connection, saying how to create one (also used by the sync endpoints).</summary>
    internal static ProblemHttpResult NoConnection(string datasetId) => TypedResults.Problem(statusCode: 404, title: "No Salesforce connection",
        detail: $"Dataset \"{datasetId}\" has no Salesforce connection; create it with PUT /api/datasets/{datasetId}/connections/salesforce {{\"consumerKey\": …, \"consumerSecret\": …}}.");

    private static ProblemHttpResult NotEstablished(SalesforceConnectionEntity row) => TypedResults.Problem(statusCode: 409, title: "Connection not established",
        detail: $"The Salesforce connection of dataset \"{row.DatasetId}\" has no tokens. {SalesforceFailures.Reconnect}",
        extensions: new Dictionary<string, object?> { ["failure"] = "not_established", ["remedy"] = SalesforceFailures.Reconnect });
}
