using System.Text.Json;

namespace Rapport.Server.Admin;

/// <summary>An attribute with where it came from and when it last changed.</summary>
public sealed record AttributeResponse(JsonElement Value, string Source, DateTimeOffset UpdatedAt);

/// <summary>The latest NPS answer.</summary>
public sealed record NpsResponse(int? Score, DateTimeOffset? ScoredAt, string? Feedback, DateTimeOffset? FeedbackAt);

/// <summary>Activity KPIs of a user or an account.</summary>
public sealed record KpisResponse(
    DateTimeOffset? FirstSeen,
    DateTimeOffset? LastActivity,
    int Sessions,
    long TotalEvents,
    int DaysActiveLast30Days,
    IReadOnlyDictionary<string, long> EventCounts,
    NpsResponse Nps);

/// <summary>A profile in a list.</summary>
public sealed record ProfileSummaryResponse(string? UserId, string? AnonymousId, string? Email, string? Name,
    DateTimeOffset? FirstSeen, DateTimeOffset? LastActivity);

/// <summary>A page of profiles; pass <see cref="NextCursor"/> as <c>cursor</c> for the next one.</summary>
public sealed record ProfilePageResponse(IReadOnlyList<ProfileSummaryResponse> Items, string? NextCursor);

/// <summary>An account a user belongs to.</summary>
public sealed record AccountRefResponse(string GroupId, string? Name);

/// <summary>One person: ids, attributes with their source, KPIs, accounts and latest events.</summary>
public sealed record ProfileResponse(
    string? UserId,
    IReadOnlyList<string> AnonymousIds,
    IReadOnlyDictionary<string, AttributeResponse> Attributes,
    KpisResponse Kpis,
    IReadOnlyList<AccountRefResponse> Accounts,
    IReadOnlyList<EventResponse> LatestEvents);

/// <summary>An account with its traits, KPIs and members.</summary>
public sealed record AccountResponse(
    string GroupId,
    string? Name,
    IReadOnlyDictionary<string, AttributeResponse> Attributes,
    KpisResponse Kpis,
    int MemberCount,
    IReadOnlyList<ProfileSummaryResponse> Members);

/// <summary>An event from the log, with the message as it was sent.</summary>
public sealed record EventResponse(
    long Sequence,
    string MessageId,
    string Type,
    string? Name,
    string? UserId,
    string? AnonymousId,
    DateTimeOffset Timestamp,
    DateTimeOffset ReceivedAt,
    JsonElement Message);

/// <summary>Processing state of one dataset.</summary>
public sealed record ProcessingStatusResponse(string DatasetId, long ProcessedPosition, long PendingEvents, long LagMilliseconds);
