namespace Rapport.Sync.Matching;

/// <summary>
/// Decides which CRM record each profile is linked to, following seed 000's rules:
/// <list type="number">
/// <item>a record matches a profile by Salesforce ID (the existing link), then by any designated
/// match field, then by Name or Email unless only designated fields may be used (accounts never
/// match on email); every comparison is exact and case-sensitive;</item>
/// <item>contacts take precedence over leads: a profile matching both is linked to the contact,
/// and a lead converted to a contact hands its link to that contact;</item>
/// <item>several records of the same standing matching one profile: the oldest
/// <c>CreatedDate</c> wins (seed 002's "first record it finds", made deterministic) and the
/// choice is reported as a warning.</item>
/// </list>
/// Pure: give it the profiles' keys and the candidate records; it returns decisions.
/// </summary>
public sealed class RecordMatcher
{
    private readonly MatchOptions _options;
    private readonly Dictionary<string, List<long>> _byLinkedId = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Dictionary<string, List<long>>> _byAttribute = new(StringComparer.Ordinal);

    public RecordMatcher(IEnumerable<ProfileKeys> profiles, MatchOptions options, bool accounts = false)
    {
        _options = options;
        var attributes = options.MatchFields.Select(f => f.ProfileAttribute).ToList();
        if (!options.OnlyDesignatedMatchFields || options.MatchFields.Count == 0)
        {
            attributes.Add(NameAttribute);
            if (!accounts)
            {
                attributes.Add(EmailAttribute);
            }
        }
        foreach (var attribute in attributes.Distinct(StringComparer.Ordinal))
        {
            _byAttribute[attribute] = new Dictionary<string, List<long>>(StringComparer.Ordinal);
        }
        foreach (var profile in profiles)
        {
            if (profile.LinkedRecordId is { Length: > 0 } linked)
            {
                Add(_byLinkedId, linked, profile.ProfileId);
            }
            foreach (var (attribute, index) in _byAttribute)
            {
                if (profile.Get(attribute) is { Length: > 0 } value)
                {
                    Add(index, value, profile.ProfileId);
                }
            }
        }
    }

    /// <summary>The profile attribute compared with a record's name.</summary>
    public const string NameAttribute = "name";

    /// <summary>The profile attribute compared with a record's email.</summary>
    public const string EmailAttribute = "email";

    /// <summary>Links for every profile some record of <paramref name="records"/> matches.</summary>
    public IReadOnlyList<LinkDecision> Decide(IReadOnlyCollection<CrmRecord> records)
    {
        foreach (var record in records)
        {
            FollowConversion(record);
        }
        var candidates = new Dictionary<long, List<(CrmRecord Record, MatchReason Reason)>>();
        foreach (var record in records)
        {
            foreach (var (profileId, reason) in Match(record))
            {
                if (!candidates.TryGetValue(profileId, out var list))
                {
                    candidates[profileId] = list = [];
                }
                list.Add((record, reason));
            }
        }

        var decisions = new List<LinkDecision>(candidates.Count);
        foreach (var (profileId, list) in candidates)
        {
            var ordered = list
                .OrderBy(c => KindRank(c.Record.Kind))
                .ThenBy(c => c.Reason)
                .ThenBy(c => c.Record.CreatedDate)
                .ThenBy(c => c.Record.Id, StringComparer.Ordinal)
                .ToList();
            var best = ordered[0];
            var rivals = ordered.Count(c => c.Record.Kind == best.Record.Kind && c.Reason == best.Reason
                && !ReferenceEquals(c.Record, best.Record));
            string? warning = rivals == 0 ? null
                : $"{rivals + 1} {best.Record.Kind} records match this profile by {Describe(best.Reason)}; linked to the oldest, {best.Record.Id}.";
            decisions.Add(new LinkDecision(profileId, best.Record, best.Reason, warning));
        }
        decisions.Sort((a, b) => a.ProfileId.CompareTo(b.ProfileId));
        return decisions;
    }

    /// <summary>The profiles one record matches, each with the strongest reason.</summary>
    public IEnumerable<(long ProfileId, MatchReason Reason)> Match(CrmRecord record)
    {
        // A converted lead is no longer a person to link; its contact inherits the link below.
        if (record.Kind == CrmObjectKind.Lead && record.ConvertedToId is not null)
        {
            yield break;
        }
        var seen = new HashSet<long>();
        foreach (var profileId in Lookup(_byLinkedId, record.Id))
        {
            if (seen.Add(profileId))
            {
                yield return (profileId, MatchReason.SalesforceId);
            }
        }
        foreach (var field in _options.MatchFields)
        {
            if (record.Get(field.CrmField) is { Length: > 0 } value
                && _byAttribute.TryGetValue(field.ProfileAttribute, out var index))
            {
                foreach (var profileId in Lookup(index, value))
                {
                    if (seen.Add(profileId))
                    {
                        yield return (profileId, MatchReason.MatchField);
                    }
                }
            }
        }
        if (_options.OnlyDesignatedMatchFields && _options.MatchFields.Count > 0)
        {
            yield break;
        }
        if (record.Get(_options.NameField) is { Length: > 0 } name && _byAttribute.TryGetValue(NameAttribute, out var names))
        {
            foreach (var profileId in Lookup(names, name))
            {
                if (seen.Add(profileId))
                {
                    yield return (profileId, MatchReason.Name);
                }
            }
        }
        if (record.Kind != CrmObjectKind.Account
            && record.Get(_options.EmailField) is { Length: > 0 } email
            && _byAttribute.TryGetValue(EmailAttribute, out var emails))
        {
            foreach (var profileId in Lookup(emails, email))
            {
                if (seen.Add(profileId))
                {
                    yield return (profileId, MatchReason.Email);
                }
            }
        }
    }

    /// <summary>Registers that a converted lead's profiles now belong with its contact.</summary>
    public void FollowConversion(CrmRecord convertedLead)
    {
        if (convertedLead.ConvertedToId is { } contactId)
        {
            foreach (var profileId in Lookup(_byLinkedId, convertedLead.Id).ToList())
            {
                Add(_byLinkedId, contactId, profileId);
            }
        }
    }

    private static int KindRank(CrmObjectKind kind) => kind switch
    {
        CrmObjectKind.Contact => 0,
        CrmObjectKind.Lead => 1,
        _ => 2,
    };

    private static string Describe(MatchReason reason) => reason switch
    {
        MatchReason.SalesforceId => "Salesforce ID",
        MatchReason.MatchField => "a match field",
        MatchReason.Name => "name",
        _ => "email",
    };

    private static List<long> Lookup(Dictionary<string, List<long>> index, string key)
        => index.TryGetValue(key, out var ids) ? ids : [];

    private static void Add(Dictionary<string, List<long>> index, string key, long profileId)
    {
        if (!index.TryGetValue(key, out var ids))
        {
            index[key] = ids = [];
        }
        if (!ids.Contains(profileId))
        {
            ids.Add(profileId);
        }
    }
}
