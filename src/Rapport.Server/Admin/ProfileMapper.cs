using System.Text.Json;
using Rapport.Core.Events;
using Rapport.Core.Profiles;
using Rapport.Data.Entities;
using Rapport.Data.Processing;

namespace Rapport.Server.Admin;

/// <summary>Turns stored profiles, accounts and events into API responses.</summary>
internal static class ProfileMapper
{
    public static Dictionary<string, AttributeResponse> Attributes(string json)
        => ProfileDocuments.ReadAttributes(json).Values
            .OrderBy(a => a.Key, StringComparer.Ordinal)
            .ToDictionary(a => a.Key, a => new AttributeResponse(a.Value.Value, a.Value.Source, Time(a.Value.UpdatedAtMs)!.Value), StringComparer.Ordinal);

    public static KpisResponse Kpis(string json, DatasetSettings settings, TimeProvider timeProvider)
    {
        var kpis = ProfileDocuments.ReadKpis(json);
        var today = settings.LocalDay(timeProvider.GetUtcNow().ToUnixTimeMilliseconds());
        return new KpisResponse(
            Time(kpis.FirstSeenMs),
            Time(kpis.LastSeenMs),
            kpis.Sessions,
            kpis.TotalEvents,
            kpis.DaysActive(30, today),
            kpis.EventCounts.OrderByDescending(c => c.Value).ThenBy(c => c.Key, StringComparer.Ordinal)
                .ToDictionary(c => c.Key, c => c.Value, StringComparer.Ordinal),
            new NpsResponse(kpis.NpsScore, Time(kpis.NpsScoreAtMs), kpis.NpsFeedback, Time(kpis.NpsFeedbackAtMs)));
    }

    public static ProfileSummaryResponse Summary(ProfileEntity profile, string? anonymousId)
        => new(profile.UserId, anonymousId, profile.Email, profile.DisplayName, Time(profile.FirstSeenMs), Time(profile.LastSeenMs));

    public static EventResponse Event(EventEntity e)
    {
        using var document = JsonDocument.Parse(e.Payload);
        return new EventResponse(e.Sequence, e.MessageId, ((EventType)e.Type).ToWireName(), e.Name, e.UserId, e.AnonymousId,
            DateTimeOffset.FromUnixTimeMilliseconds(e.TimestampMs), DateTimeOffset.FromUnixTimeMilliseconds(e.ReceivedAtMs),
            document.RootElement.Clone());
    }

    public static DatasetSettings Settings(DatasetEntity dataset)
        => new(dataset.TimeZone, dataset.NpsScoreEvent, dataset.NpsFeedbackEvent);

    private static DateTimeOffset? Time(long? ms) => ms is null or 0 ? null : DateTimeOffset.FromUnixTimeMilliseconds(ms.Value);
}
