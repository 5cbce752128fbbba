using System.Globalization;

namespace Rapport.Sync.Activities;

/// <summary>
/// The external id an activity is upserted by (<c>Rapport_Event_Id__c</c>): the event's message id and
/// the rule's index, so a replay of the same event by the same rule updates instead of duplicating.
/// </summary>
public static class ActivityExternalId
{
    /// <summary>Salesforce's limit for a Text external id field used here.</summary>
    public const int MaxLength = 80;

    public static string For(string messageId, int ruleIndex)
    {
        var id = messageId + ":" + ruleIndex.ToString(CultureInfo.InvariantCulture);
        if (id.Length <= MaxLength)
        {
            return id;
        }
        // Long client-chosen message ids: a hash is as deterministic and always fits.
        return "h:" + Sha256Hex.Of(id);
    }
}
