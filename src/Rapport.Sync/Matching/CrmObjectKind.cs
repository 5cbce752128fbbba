namespace Rapport.Sync.Matching;

/// <summary>The role a CRM record type plays for matching: a person (contact, lead) or an account.</summary>
public enum CrmObjectKind
{
    Contact,
    Lead,
    Account,
}
