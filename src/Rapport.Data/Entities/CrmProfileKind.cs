namespace Rapport.Data.Entities;

/// <summary>Whether a CRM link belongs to a person profile or an account profile.</summary>
public enum CrmProfileKind
{
    User = 0,
    Account = 1,
}
