using System.Text.Json;
using Rapport.Core.Events;

namespace Rapport.Core.Profiles;

/// <summary>Applies one logged event to the profiles and accounts it concerns.</summary>
public static class EventApplier
{
    public static UserProfile Apply(LoggedEvent e, IProfileWorkspace workspace, DatasetSettings settings)
    {
        if (e.Type == EventType.Alias)
        {
            var aliased = IdentityResolver.Alias(workspace, e.PreviousId!, e.UserId!);
            workspace.MarkChanged(aliased);
            return aliased;
        }

        // Only traits and NPS answers are read from the message itself; most events (pages, other
        // track calls) are applied from the log's columns without parsing it. It is parsed before
        // anything changes, so a message that cannot be read changes nothing.
        using var document = NeedsPayload(e, settings) ? JsonDocument.Parse(e.Payload) : null;
        var profile = IdentityResolver.Resolve(workspace, e.UserId, e.AnonymousId);

        switch (e.Type)
        {
            case EventType.Identify:
                if (document!.RootElement.TryGetProperty("traits"u8, out var traits))
                {
                    profile.Attributes.SetAll(traits, AttributeSources.Tracking, e.TimestampMs);
                }
                break;
            case EventType.Group:
                var account = workspace.GetOrCreateAccount(e.GroupId!);
                if (document!.RootElement.TryGetProperty("traits"u8, out var groupTraits))
                {
                    account.Attributes.SetAll(groupTraits, AttributeSources.Tracking, e.TimestampMs);
                }
                profile.Accounts.Add(account.GroupId);
                workspace.MarkChanged(account);
                break;
            case EventType.Track when document is not null:
                ApplyNps(e, document.RootElement, profile, workspace, settings);
                break;
        }

        var countKey = e.Type == EventType.Track ? e.Name! : e.Type.ToWireName();
        profile.Kpis.Record(e.TimestampMs, countKey, settings);
        foreach (var groupId in profile.Accounts)
        {
            if (workspace.FindAccount(groupId) is { } member)
            {
                member.Kpis.Record(e.TimestampMs, countKey, settings);
                workspace.MarkChanged(member);
            }
        }
        workspace.MarkChanged(profile);
        return profile;
    }

    /// <summary>
    /// Whether applying <paramref name="e"/> reads its message (<see cref="LoggedEvent.Payload"/>):
    /// traits, a CRM update's values, an NPS answer. The others are applied from the log's columns.
    /// </summary>
    public static bool NeedsPayload(LoggedEvent e, DatasetSettings settings) => e.Type switch
    {
        EventType.Identify or EventType.Group or EventType.CrmUpdate => true,
        EventType.Track => IsNpsEvent(e.Name, settings),
        _ => false,
    };

    /// <summary>Whether a track event of this name carries an NPS score or comment.</summary>
    public static bool IsNpsEvent(string? name, DatasetSettings settings)
        => string.Equals(name, settings.NpsScoreEvent, StringComparison.Ordinal)
            || string.Equals(name, settings.NpsFeedbackEvent, StringComparison.Ordinal);

    /// <summary>
    /// Applies attribute values pulled from a CRM (<see cref="EventType.CrmUpdate"/>): they carry the
    /// CRM as their source and the record's modification time, and are not activity, so no KPI moves.
    /// Returns the profile it went to; null for an account's update.
    /// </summary>
    public static UserProfile? ApplyCrmUpdate(LoggedEvent e, IProfileWorkspace workspace)
    {
        using var document = JsonDocument.Parse(e.Payload);
        var message = document.RootElement;
        var source = message.TryGetProperty("source"u8, out var sourceElement) && sourceElement.ValueKind == JsonValueKind.String
            ? sourceElement.GetString()!
            : AttributeSources.Salesforce;
        if (!message.TryGetProperty("traits"u8, out var traits))
        {
            return null;
        }
        if (e.UserId is null && e.AnonymousId is null)
        {
            if (e.GroupId is null)
            {
                return null;
            }
            var account = workspace.GetOrCreateAccount(e.GroupId);
            if (account.Attributes.SetAll(traits, source, e.TimestampMs) || account.Id == 0)
            {
                workspace.MarkChanged(account);
            }
            return null;
        }
        var profile = IdentityResolver.Resolve(workspace, e.UserId, e.AnonymousId);
        if (profile.Attributes.SetAll(traits, source, e.TimestampMs) || profile.Id == 0)
        {
            workspace.MarkChanged(profile);
        }
        return profile;
    }

    private static void ApplyNps(LoggedEvent e, JsonElement message, UserProfile profile, IProfileWorkspace workspace,
        DatasetSettings settings)
    {
        if (!message.TryGetProperty("properties"u8, out var properties) || properties.ValueKind != JsonValueKind.Object)
        {
            return;
        }
        if (string.Equals(e.Name, settings.NpsScoreEvent, StringComparison.Ordinal)
            && properties.TryGetProperty("score"u8, out var scoreElement)
            && TryReadScore(scoreElement, out var score))
        {
            profile.Kpis.RecordNpsScore(score, e.TimestampMs);
            foreach (var account in AccountsOf(profile, workspace))
            {
                account.Kpis.RecordNpsScore(score, e.TimestampMs);
            }
        }
        else if (string.Equals(e.Name, settings.NpsFeedbackEvent, StringComparison.Ordinal)
            && properties.TryGetProperty("feedback"u8, out var feedback)
            && feedback.ValueKind == JsonValueKind.String)
        {
            var text = feedback.GetString()!;
            profile.Kpis.RecordNpsFeedback(text, e.TimestampMs);
            foreach (var account in AccountsOf(profile, workspace))
            {
                account.Kpis.RecordNpsFeedback(text, e.TimestampMs);
            }
        }
    }

    private static IEnumerable<AccountProfile> AccountsOf(UserProfile profile, IProfileWorkspace workspace)
    {
        foreach (var groupId in profile.Accounts)
        {
            if (workspace.FindAccount(groupId) is { } account)
            {
                yield return account;
            }
        }
    }

    /// <summary>An NPS answer is a whole number 0–10, sent as a number or a numeric string.</summary>
    internal static bool TryReadScore(JsonElement element, out int score)
    {
        score = 0;
        double value;
        if (element.ValueKind == JsonValueKind.Number)
        {
            if (!element.TryGetDouble(out value))
            {
                return false;
            }
        }
        else if (element.ValueKind != JsonValueKind.String
            || !double.TryParse(element.GetString(), System.Globalization.NumberStyles.Float,
                System.Globalization.CultureInfo.InvariantCulture, out value))
        {
            return false;
        }
        if (!double.IsFinite(value) || value < 0 || value > 10 || value != Math.Floor(value))
        {
            return false;
        }
        score = (int)value;
        return true;
    }
}
