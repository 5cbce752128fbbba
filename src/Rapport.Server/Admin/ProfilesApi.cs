using System.Buffers.Text;
using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using Rapport.Data.Storage;

namespace Rapport.Server.Admin;

/// <summary>
/// The read API: <c>/api/datasets/{id}/profiles</c>, <c>/accounts/{groupId}</c>, <c>/events</c>
/// and <c>/status</c>.
/// </summary>
public static class ProfilesApi
{
    private const int DefaultLimit = 50;
    private const int MaxLimit = 500;

    public static RouteGroupBuilder MapProfilesApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/datasets/{datasetId}").WithTags("Profiles");
        group.MapGet("/profiles", ListProfilesAsync);
        group.MapGet("/profiles/{userId}", GetProfileAsync);
        group.MapGet("/accounts/{groupId}", GetAccountAsync);
        group.MapGet("/events", ListEventsAsync);
        group.MapGet("/status", GetStatusAsync);
        return api;
    }

    public static async Task<Results<Ok<ProfilePageResponse>, ProblemHttpResult>> ListProfilesAsync(
        string datasetId, string? search, int? limit, string? cursor, [AsParameters] ReadServices services, CancellationToken cancellationToken)
    {
        if (await services.Datasets.GetAsync(datasetId, cancellationToken) is not { } dataset)
        {
            return DatasetsApi.NotFound(datasetId);
        }
        if (limit is < 1 or > MaxLimit)
        {
            return DatasetsApi.Problem(400, "Invalid limit", $"\"limit\" must be between 1 and {MaxLimit}.", "limit");
        }
        long after = 0;
        if (!string.IsNullOrEmpty(cursor) && !TryDecodeCursor(cursor, out after))
        {
            return DatasetsApi.Problem(400, "Invalid cursor", "\"cursor\" must be the nextCursor of a previous page.", "cursor");
        }
        var take = limit ?? DefaultLimit;
        var page = await services.Queries.ListProfilesAsync(datasetId, search, take + 1, after, cancellationToken);
        var items = new List<ProfileSummaryResponse>();
        foreach (var profile in page.Take(take))
        {
            // Anonymous visitors are listed by an anonymous id so their profile can be opened.
            var anonymousId = profile.UserId is null
                ? (await services.Queries.AnonymousIdsAsync(profile.Id, cancellationToken)).FirstOrDefault()
                : null;
            items.Add(ProfileMapper.Summary(profile, anonymousId));
        }
        var next = page.Count > take ? EncodeCursor(page[take - 1].Id) : null;
        return TypedResults.Ok(new ProfilePageResponse(items, next));
    }

    public static async Task<Results<Ok<ProfileResponse>, ProblemHttpResult>> GetProfileAsync(
        string datasetId, string userId, [AsParameters] ReadServices services, CancellationToken cancellationToken)
    {
        if (await services.Datasets.GetAsync(datasetId, cancellationToken) is not { } dataset)
        {
            return DatasetsApi.NotFound(datasetId);
        }
        var profile = await services.Queries.FindProfileAsync(datasetId, userId, cancellationToken);
        if (profile is null)
        {
            return TypedResults.Problem(statusCode: 404, title: "Profile not found",
                detail: $"No profile in dataset \"{datasetId}\" has user id or anonymous id \"{userId}\". Events are applied within about a second of being accepted.");
        }
        var anonymousIds = await services.Queries.AnonymousIdsAsync(profile.Id, cancellationToken);
        var accounts = await services.Queries.AccountsOfAsync(profile.Id, cancellationToken);
        var events = await services.Queries.EventsAsync(datasetId, new EventPerson(profile.Id, profile.UserId, anonymousIds), null, 20, long.MaxValue, cancellationToken);
        var settings = ProfileMapper.Settings(dataset);
        return TypedResults.Ok(new ProfileResponse(
            profile.UserId,
            anonymousIds,
            ProfileMapper.Attributes(profile.Attributes),
            ProfileMapper.Kpis(profile.Kpis, settings, services.Time),
            accounts.Select(a => new AccountRefResponse(a.GroupId, a.Name)).ToList(),
            events.Select(ProfileMapper.Event).ToList()));
    }

    public static async Task<Results<Ok<AccountResponse>, ProblemHttpResult>> GetAccountAsync(
        string datasetId, string groupId, [AsParameters] ReadServices services, CancellationToken cancellationToken)
    {
        if (await services.Datasets.GetAsync(datasetId, cancellationToken) is not { } dataset)
        {
            return DatasetsApi.NotFound(datasetId);
        }
        var account = await services.Queries.FindAccountAsync(datasetId, groupId, cancellationToken);
        if (account is null)
        {
            return TypedResults.Problem(statusCode: 404, title: "Account not found",
                detail: $"No account in dataset \"{datasetId}\" has group id \"{groupId}\"; accounts come from group calls.");
        }
        var (members, total) = await services.Queries.MembersAsync(account.Id, 100, cancellationToken);
        return TypedResults.Ok(new AccountResponse(
            account.GroupId,
            account.Name,
            ProfileMapper.Attributes(account.Attributes),
            ProfileMapper.Kpis(account.Kpis, ProfileMapper.Settings(dataset), services.Time),
            total,
            members.Select(m => ProfileMapper.Summary(m, null)).ToList()));
    }

    public static async Task<Results<Ok<List<EventResponse>>, ProblemHttpResult>> ListEventsAsync(
        string datasetId, string? userId, string? name, int? limit, long? before, [AsParameters] ReadServices services,
        CancellationToken cancellationToken)
    {
        if (await services.Datasets.GetAsync(datasetId, cancellationToken) is not { } dataset)
        {
            return DatasetsApi.NotFound(datasetId);
        }
        if (limit is < 1 or > MaxLimit)
        {
            return DatasetsApi.Problem(400, "Invalid limit", $"\"limit\" must be between 1 and {MaxLimit}.", "limit");
        }
        EventPerson? person = null;
        if (!string.IsNullOrEmpty(userId))
        {
            // All of a person's events: those sent with their user id and with any merged anonymous id.
            var profile = await services.Queries.FindProfileAsync(datasetId, userId, cancellationToken);
            person = profile is null
                ? new EventPerson(null, userId, [userId])
                : new EventPerson(profile.Id, profile.UserId, await services.Queries.AnonymousIdsAsync(profile.Id, cancellationToken));
        }
        var events = await services.Queries.EventsAsync(datasetId, person, name, limit ?? DefaultLimit,
            before ?? long.MaxValue, cancellationToken);
        return TypedResults.Ok(events.Select(ProfileMapper.Event).ToList());
    }

    public static async Task<Results<Ok<ProcessingStatusResponse>, ProblemHttpResult>> GetStatusAsync(
        string datasetId, [AsParameters] ReadServices services, CancellationToken cancellationToken)
    {
        if (await services.Datasets.GetAsync(datasetId, cancellationToken) is not { } dataset)
        {
            return DatasetsApi.NotFound(datasetId);
        }
        var status = await services.Queries.StatusAsync(datasetId, services.Time.GetUtcNow().ToUnixTimeMilliseconds(), cancellationToken);
        return TypedResults.Ok(new ProcessingStatusResponse(datasetId, status.Position, status.Pending, status.LagMs));
    }

    private static string EncodeCursor(long id) => Base64Url.EncodeToString(Encoding.UTF8.GetBytes("p:" + id));

    private static bool TryDecodeCursor(string cursor, out long id)
    {
        id = 0;
        try
        {
            var text = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(cursor));
            return text.StartsWith("p:", StringComparison.Ordinal) && long.TryParse(text.AsSpan(2), out id) && id >= 0;
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
