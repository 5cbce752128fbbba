using Rapport.Sync.Settings;

namespace Rapport.Sync.Push;

/// <summary>
/// Seed 002's lead creation: a known profile (user id or email) with an assigned owner and no CRM
/// record becomes a lead owned by the mapped Salesforce user, or by the integration user.
/// </summary>
internal sealed class LeadFactory
{
    /// <summary>Lead.Company is required; what it says when the profile has no company.</summary>
    public const string NoCompany = "[not provided]";

    private readonly LeadCreationSettings _settings;
    private readonly Dictionary<string, string> _owners;
    private readonly string? _fallbackOwner;

    public LeadFactory(LeadCreationSettings settings, string? integrationUserId)
    {
        _settings = settings;
        // Owner emails are typed by people on both sides: match them without regard to case.
        _owners = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (email, userId) in settings.UserMapping)
        {
            _owners.TryAdd(email.Trim(), userId);
        }
        _fallbackOwner = integrationUserId;
    }

    /// <summary>
    /// Fingerprint of the settings: changing them looks at every profile again. The fallback owner
    /// is left out: a reconnect as another user is no reason to revisit every profile.
    /// </summary>
    public string Fingerprint => string.Join('|', _settings.OwnerAttribute, _settings.CompanyAttribute,
        string.Join(',', _owners.OrderBy(o => o.Key, StringComparer.OrdinalIgnoreCase).Select(o => o.Key + "=" + o.Value)));

    /// <summary>The new lead's fields, or null when the profile does not qualify (anonymous without email, or no owner).</summary>
    public Dictionary<string, object?>? Build(PushSubject subject)
    {
        var owner = Text(subject, _settings.OwnerAttribute);
        var email = subject.Email ?? Text(subject, "email");
        if (owner is null || (subject.UserId is null && email is null))
        {
            return null;
        }
        var lastName = Text(subject, "lastName") ?? LocalPart(email) ?? subject.UserId!;
        var fields = new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["LastName"] = lastName,
            ["Company"] = Text(subject, _settings.CompanyAttribute) ?? NoCompany,
        };
        if (Text(subject, "firstName") is { } firstName)
        {
            fields["FirstName"] = firstName;
        }
        if (email is not null)
        {
            fields["Email"] = email;
        }
        // Without an owner id Salesforce makes the API user the owner, which is the same fallback.
        if (_owners.TryGetValue(owner.Trim(), out var ownerId) || (ownerId = _fallbackOwner) is not null)
        {
            fields["OwnerId"] = ownerId;
        }
        return fields;
    }

    private static string? Text(PushSubject subject, string attribute)
    {
        var value = subject.Attributes.TryGet(attribute, out var found) ? PushValueFormatter.Canonical(found.Value) : null;
        return string.IsNullOrWhiteSpace(value) ? null : value.Trim();
    }

    private static string? LocalPart(string? email)
    {
        var at = email?.IndexOf('@', StringComparison.Ordinal) ?? -1;
        return at > 0 ? email![..at] : email;
    }
}
