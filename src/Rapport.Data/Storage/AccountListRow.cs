using Rapport.Data.Entities;

namespace Rapport.Data.Storage;

/// <summary>An account in a list, with how many profiles belong to it.</summary>
public sealed record AccountListRow(AccountEntity Account, int MemberCount);
