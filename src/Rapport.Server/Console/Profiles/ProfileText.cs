using System.Text;
using System.Text.Json;
using Rapport.Core.Profiles;
using Rapport.Server.Admin;

namespace Rapport.Server.Console.Profiles;

/// <summary>How profile values read on the console: attribute values, sources, event summaries.</summary>
public static class ProfileText
{
    private const int SummaryLength = 160;

    /// <summary>A value as a person reads it: text without quotes, anything else as compact JSON.</summary>
    public static string Value(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString()!,
        JsonValueKind.Null or JsonValueKind.Undefined => "(empty)",
        _ => value.GetRawText(),
    };

    /// <summary>Where an attribute came from, as the console names it.</summary>
    public static string Source(string source) => source switch
    {
        AttributeSources.Salesforce => "Salesforce",
        AttributeSources.Tracking => "Tracking",
        AttributeSources.Import => "Import",
        _ => source,
    };

    /// <summary>
    /// The first properties of a track, page or screen call (traits of identify, group and CRM
    /// updates) as <c>key: value</c> pairs, cut at 160 characters: enough to tell events apart.
    /// </summary>
    public static string EventSummary(EventResponse e)
    {
        var message = e.Message;
        if (message.ValueKind != JsonValueKind.Object
            || !(message.TryGetProperty("properties", out var fields) || message.TryGetProperty("traits", out fields))
            || fields.ValueKind != JsonValueKind.Object)
        {
            return "";
        }
        var text = new StringBuilder();
        foreach (var field in fields.EnumerateObject())
        {
            if (text.Length > 0)
            {
                text.Append(", ");
            }
            text.Append(field.Name).Append(": ").Append(Value(field.Value));
            if (text.Length > SummaryLength)
            {
                break;
            }
        }
        return text.Length > SummaryLength ? string.Concat(text.ToString(0, SummaryLength - 1), "…") : text.ToString();
    }

    /// <summary>The name a profile is shown under: its name, else email, else user id, else that it is anonymous.</summary>
    public static string ProfileName(string? name, string? email, string? userId)
        => !string.IsNullOrWhiteSpace(name) ? name
            : !string.IsNullOrWhiteSpace(email) ? email
            : userId ?? "Anonymous visitor";

    /// <summary>Where a CRM record opens: <c>&lt;instance URL&gt;/&lt;record id&gt;</c>, null without an instance URL.</summary>
    public static string? RecordUrl(string? instanceUrl, string recordId)
        => string.IsNullOrWhiteSpace(instanceUrl) ? null : instanceUrl.TrimEnd('/') + "/" + Uri.EscapeDataString(recordId);
}
